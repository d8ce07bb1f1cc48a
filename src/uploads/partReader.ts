// Reads the parts of a file for the part sender (partSender.ts) into part-sized buffers reused from
// part to part. With a single worker (one part in flight), the next part is read while the current
// one is sent, into a second buffer: otherwise its connection would idle while the disk is read,
// between every two parts (a file not in the page cache reads at disk speed). With two or more
// workers the others keep sending while one reads, so there is no read-ahead and memory stays at
// workers × part size (2 × part size with one worker).
// The buffers are shared by the uploads running at the same time (SharedBuffers): a file that starts
// as another ends takes that one's buffers instead of allocating new ones while the old still wait
// for a garbage collection, so the queue's parallel files × concurrency × part size holds.
import type { FileHandle } from 'node:fs/promises';
import * as l10n from '@vscode/l10n';
import { partRange, type PartPlan } from './partPlan';

/** The file changed size under us while it was being read. */
export class FileShrankError extends Error {
  constructor() {
    super(l10n.t('The file became shorter while it was being uploaded.'));
    this.name = 'FileShrankError';
  }
}

/**
 * Part buffers given back by uploads whose parts are sent, for the next one to take. Kept a few
 * seconds after the last upload's parts: the queue starts its next file only once the previous one
 * is complete on Panopto (complete, manifest, processing), and that file should find them.
 */
class SharedBuffers {
  private readonly free = new Map<number, Buffer[]>();
  private users = 0;
  private emptying: ReturnType<typeof setTimeout> | undefined;

  enter(): void {
    this.users++;
    clearTimeout(this.emptying);
    this.emptying = undefined;
  }

  leave(buffers: readonly Buffer[]): void {
    this.users--;
    if (this.users === 0) {
      clearTimeout(this.emptying);
      this.emptying = setTimeout(() => this.free.clear(), KEEP_IDLE_BUFFERS_MS);
      // Never keeps a process (a test, the bench) alive.
      this.emptying.unref?.();
    }
    for (const buffer of buffers) {
      const list = this.free.get(buffer.length) ?? [];
      list.push(buffer);
      this.free.set(buffer.length, list);
    }
  }

  take(length: number): Buffer {
    return this.free.get(length)?.pop() ?? Buffer.allocUnsafe(length);
  }
}

const KEEP_IDLE_BUFFERS_MS = 10_000;
const sharedBuffers = new SharedBuffers();

export interface ReadPart {
  /** 0-based; the part number is index + 1. */
  index: number;
  /** Exactly the part's bytes (a view of `buffer`). */
  data: Buffer;
  /** Give back with release() once the part is sent or given up. */
  buffer: Buffer;
}

export class PartReader {
  private readonly free: Buffer[] = [];
  private readonly owned: Buffer[] = [];
  private disposed = false;
  private next = 0;
  private ahead: Promise<ReadPart | undefined> | undefined;

  /**
   * @param todo part indexes to read, in order
   * @param workers how many callers take parts at once (each holds at most one)
   */
  constructor(
    private readonly file: FileHandle,
    private readonly plan: PartPlan,
    private readonly size: number,
    private readonly todo: readonly number[],
    private readonly workers: number,
  ) {
    sharedBuffers.enter();
  }

  /** The next part (read ahead when possible), or undefined when every part was taken. */
  take(): Promise<ReadPart | undefined> {
    const part = this.ahead ?? this.read();
    this.ahead = undefined;
    this.readAhead();
    return part;
  }

  /** The buffer of a part that was sent (or given up) goes back to the pool. */
  release(part: ReadPart): void {
    this.free.push(part.buffer);
    this.readAhead();
  }

  /** Waits for a read still under way (before the file is closed), then gives the buffers back for other uploads. */
  async settle(): Promise<void> {
    const ahead = this.ahead;
    this.ahead = undefined;
    await ahead?.catch(() => undefined);
    if (this.disposed) return;
    this.disposed = true;
    sharedBuffers.leave(this.owned);
  }

  private readAhead(): void {
    if (this.ahead || this.next >= this.todo.length) return;
    const buffer = this.buffer();
    if (!buffer) return;
    const ahead = this.readInto(buffer);
    // Whoever takes it sees a failure; until then it must not count as unhandled.
    ahead.catch(() => undefined);
    this.ahead = ahead;
  }

  private read(): Promise<ReadPart | undefined> {
    if (this.next >= this.todo.length) return Promise.resolve(undefined);
    const buffer = this.buffer();
    // Cannot happen while each worker holds at most one part: the pool has a buffer for each worker.
    if (!buffer) return Promise.reject(new Error('no part buffer free'));
    return this.readInto(buffer);
  }

  private get poolSize(): number {
    return this.workers === 1 ? 2 : this.workers;
  }

  private buffer(): Buffer | undefined {
    const reused = this.free.pop();
    if (reused) return reused;
    if (this.owned.length >= this.poolSize) return undefined;
    const buffer = sharedBuffers.take(Math.min(this.plan.partSize, Math.max(this.size, 1)));
    this.owned.push(buffer);
    return buffer;
  }

  private async readInto(buffer: Buffer): Promise<ReadPart> {
    const index = this.todo[this.next++];
    const { offset, length } = partRange(this.plan, this.size, index);
    const data = buffer.subarray(0, length);
    try {
      await readFully(this.file, data, offset);
    } catch (error) {
      this.free.push(buffer);
      throw error;
    }
    return { index, data, buffer };
  }
}

async function readFully(file: FileHandle, into: Buffer, position: number): Promise<void> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await file.read(into, filled, into.length - filled, position + filled);
    if (bytesRead === 0) {
      throw new FileShrankError();
    }
    filled += bytesRead;
  }
}
