// globalState and SecretStorage as a reloaded window finds them, for the uploads figure: each is a
// JSON file in the bench's temp directory, read once when "the window starts" (load) and rewritten
// after every change, in order. The upload resume store (src/uploads/resumeStore.ts) runs over them
// as it runs over VS Code's. The files are deleted with the temp directory.
import { readFile, writeFile } from 'node:fs/promises';
import type { KeyValueStore, SecretStore } from '../../src/uploads/resumeStore';

export class JsonFileState implements KeyValueStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly values: Record<string, unknown>,
  ) {}

  /** What a starting window reads: the file as the last window left it (empty when there is none). */
  static async load(path: string): Promise<JsonFileState> {
    const text = await readFile(path, 'utf8').catch(() => '{}');
    return new JsonFileState(path, JSON.parse(text) as Record<string, unknown>);
  }

  get<T>(key: string): T | undefined {
    return this.values[key] as T | undefined;
  }

  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.values[key];
    else this.values[key] = structuredClone(value);
    const text = JSON.stringify(this.values);
    this.writes = this.writes.then(() => writeFile(this.path, text));
    return this.writes;
  }
}

/** SecretStorage over its own file (the OS keyring's stand-in), never the globalState one. */
export class JsonFileSecrets implements SecretStore {
  private constructor(private readonly file: JsonFileState) {}

  static async load(path: string): Promise<JsonFileSecrets> {
    return new JsonFileSecrets(await JsonFileState.load(path));
  }

  async get(key: string): Promise<string | undefined> {
    return this.file.get<string>(key);
  }

  store(key: string, value: string): Promise<void> {
    return this.file.update(key, value);
  }

  delete(key: string): Promise<void> {
    return this.file.update(key, undefined);
  }
}
