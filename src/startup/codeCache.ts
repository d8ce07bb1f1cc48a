// Loads a CommonJS bundle the way Node's require does, but through V8's code cache: the compiled
// code of the previous start is read from a file instead of compiling the bundle again. Compiling
// dist/extension.js was half of the extension's start-up (bench figure 6: about 5 ms of 75 KiB on
// the bench machine), and Node 20, which VS Code's extension host runs, has no compile cache of its
// own for modules (module.enableCompileCache came with Node 22.1, and it is the whole process's
// switch, not one extension's).
//
// The cache is written shortly after the first start (V8 then includes the functions activation
// compiled lazily) into a directory of the extension's own global storage, named after the build
// of the bundle, V8's version and the CPU architecture (cacheKey); an update of the extension or of
// VS Code writes a new file and removes the old one. V8 checks the data itself and refuses what does not fit
// (other flags, a damaged file), and then the bundle is simply compiled. The cache holds compiled
// code of our bundle and nothing from the user. Node's documentation: https://nodejs.org/api/vm.html
// (cachedData, script.createCachedData()) and https://nodejs.org/api/modules.html#requirecache.
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire, Module } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What the cache did for this load: read and accepted, refused by V8, absent, or not asked for. */
export type CodeCacheUse = 'used' | 'refused' | 'absent' | 'off';

export interface LoadedBundle {
  exports: unknown;
  cache: CodeCacheUse;
  /** Settles once a new cache file is written (or its writing failed); at once when none is written. */
  written: Promise<void>;
}

/** Long enough for activation's lazily compiled functions to be in the cache, short enough that a window closed soon after starting still writes it. */
export const WRITE_CACHE_AFTER_MS = 200;

// Node's own module wrapper, on the bundle's first line as Node puts it.
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_END = '\n});';

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/**
 * Requires `filename` (an absolute path) with V8's code cache kept in `cacheDir`, or without a cache
 * when `cacheDir` is undefined. The module goes into require.cache under its own name first, as Node
 * does, so a later require of the same file (dist/features.js links back to it) gets this instance.
 */
export function requireWithCodeCache(filename: string, cacheDir: string | undefined, version: string): LoadedBundle {
  const source = readFileSync(filename, 'utf8');
  const cacheFile = cacheDir === undefined ? undefined : join(cacheDir, `${cacheKey(filename, version)}.bin`);
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // None yet (the first start after an install or an update), or unreadable: compile.
    }
  }
  const script = new Script(WRAPPER_START + source + WRAPPER_END, { filename, cachedData });
  const cache: CodeCacheUse =
    cacheFile === undefined ? 'off' : cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'refused' : 'used';

  const module = new Module(filename);
  module.filename = filename;
  require.cache[filename] = module;
  try {
    const run = script.runInThisContext() as ModuleFunction;
    run.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
    module.loaded = true;
  } catch (error) {
    delete require.cache[filename];
    throw error;
  }

  let written = Promise.resolve();
  if (cacheFile !== undefined && cache !== 'used') {
    written = new Promise((resolve) => {
      setTimeout(() => {
        void writeCache(cacheFile, () => script.createCachedData()).finally(resolve);
      }, WRITE_CACHE_AFTER_MS).unref();
    });
  }
  return { exports: module.exports, cache, written };
}

/**
 * Names the cache after what it is valid for: this build of the bundle (the extension's version, the
 * file's size and modification time: a rebuild or an update changes them), this V8, this CPU. Not a
 * hash of the text, which cost as much as a third of what the cache saves.
 */
function cacheKey(filename: string, version: string): string {
  const { size, mtimeMs } = statSync(filename);
  return [version, size, Math.trunc(mtimeMs), process.versions.v8, process.arch].join('-').replace(/[^\w.-]/g, '_');
}

/** Writes the cache atomically (another window may read it meanwhile) and removes older ones. */
async function writeCache(file: string, data: () => Buffer): Promise<void> {
  const dir = dirname(file);
  try {
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, data());
    await rename(temp, file);
    for (const name of await readdir(dir)) {
      if (name !== basename(file)) await unlink(join(dir, name)).catch(() => undefined);
    }
  } catch {
    // The cache only saves time: without it the next start compiles, as this one did.
  }
}
