// The one upload queue: files from the explorer, the palette, a drop on the Folders tree and the
// API all land here and upload `parallelFiles` at a time (each with its own `concurrency` parts in
// flight, so memory stays within parallelFiles × concurrency × part size); a file whose bytes are
// all sent gives its place to the next while Panopto processes it. An interrupted upload
// (network loss) keeps its place on Panopto and in the resume store, waits with growing pauses and
// resumes by itself; after a reload the store's uploads come back as `interrupted` and resume.
// Free of `vscode`, so it is tested in plain Node; src/uploads/uploadWork.ts gives it its settings.
import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { UploadResult } from '../api';
import type { UploadRequest } from '../panopto/uploader';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import type { ResumePoint } from './checkpoint';
import { isOfflineError, UploadInterruptedError, UploadProcessingError } from './errors';
import { pickFile, type QueuedFile, type UploadItem, type UploadItemState } from './queueItem';
import type { ResumeStore, StoredUpload } from './resumeStore';
import { SpeedMeter } from './speedMeter';

export interface UploadRunner {
  upload(req: UploadRequest): Promise<UploadResult>;
  discardInterrupted(point: ResumePoint, fileName: string): Promise<void>;
}

export interface QueueOptions {
  /** Made per file, so changed settings apply to the next file. */
  createUploader: () => UploadRunner;
  parallelFiles: () => number;
  store?: ResumeStore;
  log?: Log;
  /** Pause before resuming an interrupted upload, by attempt (0 = the first). */
  resumeDelayMs?: (attempt: number) => number;
}

interface Entry {
  item: UploadItem;
  resume?: ResumePoint;
  controller?: AbortController;
  settle: (result: UploadResult) => void;
  done: Promise<UploadResult>;
  attempts: number;
  wakeTimer?: ReturnType<typeof setTimeout>;
  /** Hooks for one caller's progress (the API's onProgress, a notification). */
  observers: Pick<UploadRequest, 'onProgress' | 'onPhase'>[];
}

const FINISHED: ReadonlySet<UploadItemState> = new Set(['complete', 'failed', 'cancelled']);

function defaultResumeDelay(attempt: number): number {
  return Math.min(60_000, 2_000 * 2 ** attempt);
}

export class UploadQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private running = 0;
  private disposed = false;

  private store: ResumeStore | undefined;

  constructor(private readonly options: QueueOptions) {
    this.store = options.store;
  }

  /** Where uploads are recorded from now on (the signed-in site and account); restore() reads it. */
  setStore(store: ResumeStore | undefined): void {
    this.store?.dispose();
    this.store = store;
  }

  /** Adds files; each resolves to its result (never rejects). */
  add(files: QueuedFile[], observer?: Pick<UploadRequest, 'onProgress' | 'onPhase'>): { item: UploadItem; done: Promise<UploadResult> }[] {
    const added = files.map((file) => this.enter({ ...file, id: randomUUID() }, undefined, observer));
    this.pump();
    return added.map((entry) => ({ item: entry.item, done: entry.done }));
  }

  /** Brings back the uploads a previous window left unfinished, and resumes them. */
  async restore(): Promise<void> {
    const store = this.store;
    if (!store) return;
    for (const stored of store.list()) {
      if (this.entries.has(stored.id)) continue;
      const targetUrl = await store.targetUrl(stored.id);
      const entry = this.enter(stored, targetUrl ? { checkpoint: stored.checkpoint, targetUrl } : undefined);
      entry.item.state = 'interrupted';
      entry.item.totalBytes = stored.checkpoint.size;
      entry.item.bytesSent = stored.checkpoint.parts.length * stored.checkpoint.partSize;
      // A reload is not a network loss: nothing suggests waiting, so it resumes at once.
      this.requeue(entry.item.id, 0);
    }
    this.changed();
  }

  items(): readonly UploadItem[] {
    return [...this.entries.values()].map((e) => e.item);
  }

  get(id: string): UploadItem | undefined {
    return this.entries.get(id)?.item;
  }

  result(id: string): Promise<UploadResult> | undefined {
    return this.entries.get(id)?.done;
  }

  inProgress(): number {
    return this.items().filter((i) => !FINISHED.has(i.state)).length;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  cancel(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || FINISHED.has(entry.item.state)) return;
    clearTimeout(entry.wakeTimer);
    if (entry.controller) {
      entry.controller.abort(new Error('cancelled'));
      return; // the running upload removes itself from Panopto and settles
    }
    // Queued or interrupted: nothing runs; an interrupted one is removed from Panopto by a cancelled resume.
    if (entry.resume) {
      void this.options.createUploader().discardInterrupted(entry.resume, entry.item.fileName);
    }
    this.finish(entry, { uploadId: entry.resume?.checkpoint.sessionUploadId ?? '', state: 'cancelled' });
  }

  /** A failed, cancelled or interrupted upload goes back into the queue (an interrupted one resumes). */
  retry(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || entry.controller || entry.item.state === 'complete' || entry.item.state === 'processing') return;
    clearTimeout(entry.wakeTimer);
    if (FINISHED.has(entry.item.state)) {
      entry.resume = undefined;
      entry.done = new Promise((resolve) => (entry.settle = resolve));
    }
    entry.attempts = 0;
    Object.assign(entry.item, {
      state: 'queued',
      message: undefined,
      result: undefined,
      error: undefined,
      bytesSent: 0,
      bytesPerSecond: 0,
    });
    this.changed();
    this.pump();
  }

  clearFinished(): void {
    for (const [id, entry] of this.entries) {
      if (FINISHED.has(entry.item.state)) this.entries.delete(id);
    }
    this.changed();
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries.values()) clearTimeout(entry.wakeTimer);
    this.store?.dispose();
    this.listeners.clear();
  }

  private enter(file: QueuedFile & { id: string }, resume?: ResumePoint, observer?: Entry['observers'][number]): Entry {
    let settle!: (result: UploadResult) => void;
    const done = new Promise<UploadResult>((resolve) => (settle = resolve));
    const item: UploadItem = {
      ...pickFile(file),
      id: file.id,
      fileName: basename(file.filePath),
      state: 'queued',
      bytesSent: 0,
      totalBytes: 0,
      bytesPerSecond: 0,
    };
    const entry: Entry = { item, resume, settle, done, attempts: 0, observers: observer ? [observer] : [] };
    this.entries.set(item.id, entry);
    this.changed();
    return entry;
  }

  /** An interrupted upload waits (growing pauses unless `delayMs` is given), then goes back into the queue to resume. */
  private requeue(id: string, delayMs?: number): void {
    const entry = this.entries.get(id);
    if (!entry || this.disposed) return;
    const delay = delayMs ?? (this.options.resumeDelayMs ?? defaultResumeDelay)(entry.attempts++);
    entry.wakeTimer = setTimeout(() => {
      if (entry.item.state !== 'interrupted') return;
      entry.item.state = 'queued';
      this.changed();
      this.pump();
    }, delay);
  }

  private pump(): void {
    const limit = Math.min(4, Math.max(1, Math.floor(this.options.parallelFiles())));
    for (const entry of this.entries.values()) {
      if (this.running >= limit || this.disposed) break;
      if (entry.item.state === 'queued' && !entry.controller) void this.run(entry);
    }
  }

  private request(entry: Entry, signal: AbortSignal): UploadRequest {
    const { item } = entry;
    return {
      filePath: item.filePath,
      folderId: item.folderId,
      title: item.title,
      description: item.description,
      signal,
      resume: entry.resume,
    };
  }

  private async run(entry: Entry): Promise<void> {
    const { item } = entry;
    this.running++;
    // The place in the queue is for sending bytes: once they are all sent, Panopto's processing
    // (minutes for a long recording) is only waited for, and the next file may start meanwhile.
    let placeHeld = true;
    const leavePlace = () => {
      if (!placeHeld) return;
      placeHeld = false;
      this.running--;
    };
    const controller = new AbortController();
    entry.controller = controller;
    item.state = 'uploading';
    this.changed();
    const meter = new SpeedMeter();
    const store = this.store;
    let result: UploadResult | undefined;
    try {
      result = await this.options.createUploader().upload({
        ...this.request(entry, controller.signal),
        onProgress: (progress) => {
          meter.sample(progress.bytesSent);
          Object.assign(item, {
            bytesSent: progress.bytesSent,
            totalBytes: progress.totalBytes,
            ...meter.estimate(progress.totalBytes - progress.bytesSent),
          });
          entry.observers.forEach((o) => o.onProgress?.(progress));
          this.changed();
        },
        onPhase: (phase) => {
          item.state = phase;
          entry.attempts = 0;
          entry.observers.forEach((o) => o.onPhase?.(phase));
          this.changed();
          if (phase === 'processing') {
            leavePlace();
            this.pump();
          }
        },
        onCheckpoint: (point) => {
          entry.resume = point;
          void store
            ?.save(stored(item, point), point.targetUrl)
            .catch((error: unknown) => this.options.log?.warn(`Could not record upload ${item.fileName}: ${errorMessage(error)}`));
        },
        onNotice: (message) => {
          item.message = message;
          this.options.log?.info(`${item.fileName}: ${message}`);
          this.changed();
        },
      });
    } catch (error) {
      if (!controller.signal.aborted && (error instanceof UploadInterruptedError || isOfflineError(error))) {
        item.state = 'interrupted';
        item.message = errorMessage(error);
        await store?.flush();
        this.requeue(item.id);
      } else {
        const failed: UploadResult =
          error instanceof UploadProcessingError
            ? error.result
            : { uploadId: entry.resume?.checkpoint.sessionUploadId ?? '', state: 'failed', message: errorMessage(error) };
        this.options.log?.warn(`Upload of ${item.fileName} failed: ${errorMessage(error)}`);
        item.error = error;
        result = failed;
      }
    } finally {
      entry.controller = undefined;
      leavePlace();
    }
    if (result) {
      this.finish(entry, result);
    } else {
      this.changed();
    }
    this.pump();
  }

  private finish(entry: Entry, result: UploadResult): void {
    const { item } = entry;
    item.result = result;
    item.state = result.state;
    item.message = result.message ?? item.message;
    item.secondsLeft = undefined;
    if (result.state === 'complete') item.bytesSent = item.totalBytes;
    // A processing result keeps its record: after a restart its processing is followed again.
    this.changed();
    if (result.state === 'processing' || !this.store) {
      entry.settle(result);
      return;
    }
    this.store.remove(item.id).then(
      () => entry.settle(result),
      (error: unknown) => {
        this.options.log?.warn(`Could not forget upload ${item.fileName}: ${errorMessage(error)}`);
        entry.settle(result);
      },
    );
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function stored(item: UploadItem, point: ResumePoint): StoredUpload {
  return { ...pickFile(item), id: item.id, checkpoint: point.checkpoint };
}
