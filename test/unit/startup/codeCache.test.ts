// requireWithCodeCache (src/startup/codeCache.ts) on real files and V8's real code cache, each start
// in a fresh Node process (codeCacheChild.ts): the module works the same with and without the
// cache, the cache is written once and then read, a changed bundle or a damaged cache file is
// compiled as if there were none, and require() of the same file afterwards gets the same instance
// (dist/features.js requires dist/extension.js that way).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Start {
  cache?: string;
  describe?: string;
  sameInstance?: boolean;
  error?: string;
  inRequireCache?: boolean;
}

const BUNDLE = [
  "const { sep } = require('node:path');",
  "const helper = require('./helper.js');",
  'let loads = (globalThis.__codeCacheLoads ?? 0) + 1;',
  'globalThis.__codeCacheLoads = loads;',
  'exports.describe = (name) => `${helper.greet(name)} (${typeof sep}, ${__filename.endsWith("bundle.js")})`;',
  'exports.loads = loads;',
].join('\n');

describe('startup: requireWithCodeCache', () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'panopto-code-cache-'));
    bundle = join(dir, 'bundle.js');
    cacheDir = join(dir, 'storage', 'code-cache');
    await writeFile(join(dir, 'helper.js'), 'exports.greet = (name) => `hello ${name}`;');
    await writeFile(bundle, BUNDLE);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** One start of a fresh process; it reports once the cache it may write is written. */
  const start = (options: { version?: string; withoutCache?: boolean } = {}): Start => {
    const child = join(__dirname, 'codeCacheChild.ts');
    const args = ['--import', 'tsx', child, bundle, options.withoutCache ? '-' : cacheDir, options.version ?? '1.0.0'];
    return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as Start;
  };
  const cacheFiles = async () => (await readdir(cacheDir)).filter((name) => name.endsWith('.bin'));
  const WORKS = 'hello Ada (string, true)';

  it('compiles on the first start and writes the cache, which the next start reads', async () => {
    assert.deepEqual(start(), { cache: 'absent', describe: WORKS, sameInstance: true });
    const [written] = await cacheFiles();
    assert.ok(written, 'the first start wrote a cache file');
    assert.deepEqual(start(), { cache: 'used', describe: WORKS, sameInstance: true });
    assert.deepEqual(await readdir(cacheDir), [written], 'a start that used the cache writes none');
  });

  it('a changed bundle (an update, a rebuild) or another version is compiled afresh, and the old cache removed', async () => {
    start();
    const [old] = await cacheFiles();
    await writeFile(bundle, BUNDLE.replace('helper.greet(name)', "helper.greet(name + ', again')"));
    assert.deepEqual(start(), { cache: 'absent', describe: 'hello Ada, again (string, true)', sameInstance: true });
    const now = await readdir(cacheDir);
    assert.equal(now.length, 1, 'the old cache is removed');
    assert.notEqual(now[0], old);
    assert.equal(start().cache, 'used');
    assert.equal(start({ version: '1.0.1' }).cache, 'absent', 'the version is part of what the cache is valid for');
  });

  it('a damaged cache file is refused by V8: the bundle is compiled, works, and the cache is written again', async () => {
    start();
    const [name] = await cacheFiles();
    await writeFile(join(cacheDir, name), 'not a code cache');
    assert.deepEqual(start(), { cache: 'refused', describe: WORKS, sameInstance: true });
    assert.equal(start().cache, 'used');
  });

  it('without a cache folder (a global storage that is not a local folder) nothing is written', async () => {
    assert.deepEqual(start({ withoutCache: true }), { cache: 'off', describe: WORKS, sameInstance: true });
    await assert.rejects(readdir(join(dir, 'storage')), { code: 'ENOENT' });
  });

  it('a bundle that throws as it loads throws to the caller and leaves nothing in require.cache', async () => {
    await writeFile(bundle, "throw new Error('broken bundle');");
    assert.deepEqual(start(), { error: 'broken bundle', inRequireCache: false });
  });
});
