// Where interrupted uploads wait for a reload or restart: per site and account, in globalState,
// everything but the UploadTarget URL, which is a capability to write into the upload and so goes
// to SecretStorage only (never globalState, a log or a message). Writes of one upload's record are
// coalesced to one a second: a 10,000-part upload must not rewrite the store 10,000 times. Parts
// acknowledged since the last write are at worst sent again (or found again through ListParts).
import type { UploadCheckpoint } from './checkpoint';
import { resumeStateKey } from './resumeRecords';

/** The part of vscode.Memento this needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** The part of vscode.SecretStorage this needs. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

/** What the queue needs to show and resume an upload, the target URL aside. */
export interface StoredUpload {
  id: string;
  filePath: string;
  folderId: string;
  folderName?: string;
  title?: string;
  description?: string;
  checkpoint: UploadCheckpoint;
}

const SECRET_PREFIX = 'panopto.uploads.target.';
const WRITE_INTERVAL_MS = 1_000;

export class ResumeStore {
  private pending = new Map<string, StoredUpload | null>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly targetsStored = new Map<string, string>();
  /** Saves and removes run in order, so a late save cannot bring back a removed upload. */
  private ops: Promise<void> = Promise.resolve();

  /** @param scope the site and account, e.g. `https://host|user-guid` */
  constructor(
    private readonly state: KeyValueStore,
    private readonly secrets: SecretStore,
    private readonly scope: string,
  ) {}

  private get key(): string {
    return resumeStateKey(this.scope);
  }

  private secretKey(id: string): string {
    return `${SECRET_PREFIX}${this.scope}/${id}`;
  }

  /** The uploads recorded for this site and account. */
  list(): StoredUpload[] {
    const stored = this.state.get<StoredUpload[]>(this.key) ?? [];
    const overlay = new Map(this.pending);
    const out = stored.filter((u) => !overlay.has(u.id)).concat([...overlay.values()].filter((u): u is StoredUpload => u !== null));
    return out;
  }

  targetUrl(id: string): Thenable<string | undefined> {
    return this.secrets.get(this.secretKey(id));
  }

  /** Records the upload (coalesced); the target URL goes to SecretStorage when it is new. */
  save(upload: StoredUpload, targetUrl: string): Promise<void> {
    return this.serially(async () => {
      if (this.targetsStored.get(upload.id) !== targetUrl) {
        this.targetsStored.set(upload.id, targetUrl);
        await this.secrets.store(this.secretKey(upload.id), targetUrl);
      }
      this.pending.set(upload.id, upload);
      this.schedule();
    });
  }

  /** Forgets the upload (finished, cancelled or failed for good). */
  remove(id: string): Promise<void> {
    return this.serially(async () => {
      this.targetsStored.delete(id);
      this.pending.set(id, null);
      await this.flush();
      await this.secrets.delete(this.secretKey(id));
    });
  }

  private serially(op: () => Promise<void>): Promise<void> {
    const next = this.ops.then(op);
    this.ops = next.catch(() => undefined);
    return next;
  }

  /** Writes what is pending now (an interruption, the window closing). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.pending.size) {
      return this.writing;
    }
    const next = this.list();
    this.pending.clear();
    this.writing = this.writing.then(() => this.state.update(this.key, next));
    return this.writing;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, WRITE_INTERVAL_MS);
  }

  dispose(): void {
    void this.flush();
  }
}
