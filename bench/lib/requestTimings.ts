// How long individual HTTP requests of this process took (start → response headers), read from
// undici's diagnostics_channel events, so the bench can say where an upload's time went (e.g. the
// CompleteMultipartUpload request, during which the server assembles the parts) without hooks in
// the code under test.
import diagnostics from 'node:diagnostics_channel';

export interface TimedRequest {
  method: string;
  path: string;
  ms: number;
}

interface UndiciRequest {
  method: string;
  path: string;
}

export class RequestTimings {
  readonly done: TimedRequest[] = [];
  private readonly started = new WeakMap<object, bigint>();
  private readonly onCreate = (message: unknown) => {
    this.started.set((message as { request: object }).request, process.hrtime.bigint());
  };
  private readonly onHeaders = (message: unknown) => {
    const request = (message as { request: UndiciRequest }).request;
    const start = this.started.get(request);
    if (start !== undefined) {
      this.done.push({ method: request.method, path: request.path, ms: Number(process.hrtime.bigint() - start) / 1e6 });
    }
  };

  start(): this {
    diagnostics.subscribe('undici:request:create', this.onCreate);
    diagnostics.subscribe('undici:request:headers', this.onHeaders);
    return this;
  }

  clear(): void {
    this.done.length = 0;
  }

  stop(): void {
    diagnostics.unsubscribe('undici:request:create', this.onCreate);
    diagnostics.unsubscribe('undici:request:headers', this.onHeaders);
  }
}
