// Bytes of multipart part bodies this process wrote to its connections, by part number, when the
// first one was written and when the first request of any kind started, from undici's diagnostics_channel (request:create to learn which request is a
// part PUT, request:bodyChunkSent for the bytes). Without hooks in the code under test; a part cut off
// by a lost connection counts the bytes written before the cut.
import diagnostics from 'node:diagnostics_channel';

interface UndiciRequest {
  method: string;
  path: string;
}

export class PartBytes {
  /** Part number → bytes written. */
  readonly byPart = new Map<number, number>();
  /** process.hrtime.bigint() when the first part byte was written, if any. */
  firstByteAt: bigint | undefined;
  /** process.hrtime.bigint() when the first request (of any kind) was created, if any. */
  firstRequestAt: bigint | undefined;
  private readonly partOf = new WeakMap<object, number>();
  private readonly onCreate = (message: unknown) => {
    const request = (message as { request: UndiciRequest }).request;
    this.firstRequestAt ??= process.hrtime.bigint();
    const match = request.method === 'PUT' ? /[?&]partNumber=(\d+)/.exec(request.path) : null;
    if (match) this.partOf.set(request, Number(match[1]));
  };
  private readonly onChunk = (message: unknown) => {
    const { request, chunk } = message as { request: object; chunk: Uint8Array | string };
    const part = this.partOf.get(request);
    if (part === undefined) return;
    this.firstByteAt ??= process.hrtime.bigint();
    this.byPart.set(part, (this.byPart.get(part) ?? 0) + (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength));
  };

  start(): this {
    diagnostics.subscribe('undici:request:create', this.onCreate);
    diagnostics.subscribe('undici:request:bodyChunkSent', this.onChunk);
    return this;
  }

  total(): number {
    let sum = 0;
    for (const bytes of this.byPart.values()) sum += bytes;
    return sum;
  }

  stop(): void {
    diagnostics.unsubscribe('undici:request:create', this.onCreate);
    diagnostics.unsubscribe('undici:request:bodyChunkSent', this.onChunk);
  }
}
