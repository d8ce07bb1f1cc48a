// Builds what runs inside the extension host: the mocha suites (test/host/suite → out/test/host/suite)
// and the fixture extension (test/fixtures/auth-fixture/src → its out/). The extension itself is
// built by esbuild.mjs into dist/. `vscode` and `mocha` stay external: the host provides the first,
// and node_modules the second (mocha loads its reporters dynamically, which bundling would break).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = path.join(root, 'test/host/suite');
const suiteEntries = readdirSync(suiteDir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(suiteDir, f));

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: suiteEntries, outdir: path.join(root, 'out/test/host/suite') }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'test/fixtures/auth-fixture/src/extension.ts')],
    outfile: path.join(root, 'test/fixtures/auth-fixture/out/extension.js'),
  }),
]);
