// One start, in a process of its own as VS Code's extension host would be: V8 also keeps compiled
// code per process, so only a fresh process shows what the cache file does. Prints what it saw.
import { createRequire } from 'node:module';
import { requireWithCodeCache } from '../../../src/startup/codeCache';

const [bundle, cacheDir, version] = process.argv.slice(2);
// The cache is written on an unref'd timer (it must not keep a closing window alive): stay until then.
const stay = setTimeout(() => undefined, 10_000);
try {
  const loaded = requireWithCodeCache(bundle, cacheDir === '-' ? undefined : cacheDir, version);
  const bundleExports = loaded.exports as { describe(name: string): string };
  void loaded.written.then(() => {
    clearTimeout(stay);
    console.log(
      JSON.stringify({
        cache: loaded.cache,
        describe: bundleExports.describe('Ada'),
        sameInstance: createRequire(bundle)(bundle) === loaded.exports,
      }),
    );
  });
} catch (error) {
  clearTimeout(stay);
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error), inRequireCache: bundle in require.cache }));
}
