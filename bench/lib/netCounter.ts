// Counts this process's network activity without touching the code under test: Node and undici
// publish every outgoing request and client socket on diagnostics_channel (by name, so the
// undici bundled into Node's fetch, the npm undici and the one inside dist/extension.js all
// report here), and node:http publishes its client requests too.
import diagnostics from 'node:diagnostics_channel';

export interface NetCounts {
  /** Requests started through undici (fetch, undici.request) or node:http. */
  requests: number;
  /** TCP/pipe client sockets opened. */
  sockets: number;
}

const CHANNELS: Record<string, keyof NetCounts> = {
  'undici:request:create': 'requests',
  'http.client.request.start': 'requests',
  'net.client.socket': 'sockets',
};

export class NetCounter {
  private readonly counts: NetCounts = { requests: 0, sockets: 0 };
  private readonly handlers = new Map<string, (message: unknown) => void>();

  start(): this {
    for (const [name, field] of Object.entries(CHANNELS)) {
      const handler = () => {
        this.counts[field] += 1;
      };
      diagnostics.subscribe(name, handler);
      this.handlers.set(name, handler);
    }
    return this;
  }

  snapshot(): NetCounts {
    return { ...this.counts };
  }

  /** Counts since `before`. */
  since(before: NetCounts): NetCounts {
    return { requests: this.counts.requests - before.requests, sockets: this.counts.sockets - before.sockets };
  }

  stop(): void {
    for (const [name, handler] of this.handlers) {
      diagnostics.unsubscribe(name, handler);
    }
    this.handlers.clear();
  }
}
