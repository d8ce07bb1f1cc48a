// Requests of this process in flight at once, from undici's diagnostics_channel events: a request
// counts from its creation (handed to a dispatcher) until its response is read to the end or it
// fails, so a request whose body is never read stays in flight, as its connection does. Without
// hooks in the code under test; `counts` picks the requests that matter by path.
import diagnostics from 'node:diagnostics_channel';

interface UndiciRequest {
  method: string;
  path: string;
}

export class InFlightCounter {
  /** The most requests in flight at one time since start() or reset(). */
  max = 0;
  /** Requests that ended (response read to the end, or failed). */
  finished = 0;
  private readonly open = new Set<object>();
  private readonly onCreate = (message: unknown) => {
    const request = (message as { request: UndiciRequest }).request;
    if (!this.counts(request)) return;
    this.open.add(request);
    this.max = Math.max(this.max, this.open.size);
  };
  private readonly onEnd = (message: unknown) => {
    if (this.open.delete((message as { request: object }).request)) this.finished++;
  };

  constructor(private readonly counts: (request: UndiciRequest) => boolean) {}

  get now(): number {
    return this.open.size;
  }

  start(): this {
    diagnostics.subscribe('undici:request:create', this.onCreate);
    diagnostics.subscribe('undici:request:trailers', this.onEnd);
    diagnostics.subscribe('undici:request:error', this.onEnd);
    return this;
  }

  reset(): void {
    this.max = this.open.size;
    this.finished = 0;
  }

  stop(): void {
    diagnostics.unsubscribe('undici:request:create', this.onCreate);
    diagnostics.unsubscribe('undici:request:trailers', this.onEnd);
    diagnostics.unsubscribe('undici:request:error', this.onEnd);
  }
}
