// Bundles the extension into two CommonJS files (Node, `vscode` left external):
// - dist/extension.js, from src/extension.ts: everything activation needs, and all of our own code;
// - dist/vendor.js, from src/vendor/index.ts: the third-party libraries activation does not need
//   (undici, openid-client, fast-xml-parser, dotenv), which src/vendor/load.ts requires on first use;
//   with undici's HTTP parser beside it as dist/llhttp.wasm and dist/llhttp_simd.wasm.
// src/vendor/load.ts explains why the split is done by hand. Test bundles for the extension host are
// built by test/host/build.mjs.
//
//   node esbuild.mjs [--production] [--watch] [--outdir <dir>] [--metafile <dir>]
// --outdir writes the files to <dir> instead of dist/; --metafile writes esbuild's metafiles
// (extension.meta.json, vendor.meta.json) to <dir>. The bench uses both (bench/figures/startup.ts):
// its own copy of the production build, and where the bytes come from.
import * as esbuild from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** The value after `--name`, if given. */
function option(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const outdir = path.resolve(root, option('--outdir') ?? 'dist');
const metafileDir = option('--metafile');

const VENDOR_ENTRY = 'src/vendor/index.ts';
const VENDOR_LOADER = path.join(root, 'src/vendor/load.ts');
/** What src/vendor/load.ts requires, and what that require becomes in dist/extension.js. */
const VENDOR_REQUEST = './index';
const VENDOR_OUTPUT = './vendor.js';

/** In src/vendor/load.ts, `require('./index')` becomes `require('./vendor.js')`, left to Node at run time. */
const vendorExternal = {
  name: 'vendor-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) =>
      args.importer === VENDOR_LOADER && args.path === VENDOR_REQUEST ? { path: VENDOR_OUTPUT, external: true } : undefined,
    );
  },
};

/**
 * undici carries its HTTP parser, llhttp, as WebAssembly twice (with and without SIMD, chosen at run
 * time), each as a .js file holding 70 KiB of base64. Written beside vendor.js as .wasm files
 * instead, the two take 11 KiB less in the .vsix (raw bytes deflate better than base64) and leave
 * 140 KiB of string literals out of vendor.js. The module that replaces each .js file reads its
 * .wasm file when undici first asks for it, lazily as undici's own does. Should undici move or
 * rename these files, the filter stops matching and the base64 versions are bundled as before
 * (bigger, not broken); should they stop exporting the bytes, the build fails here.
 */
const LLHTTP_WASM = /[\\/]undici[\\/]lib[\\/]llhttp[\\/](llhttp(?:_simd)?)-wasm\.js$/;
const llhttpAsWasmFiles = {
  name: 'llhttp-wasm-files',
  setup(build) {
    build.onLoad({ filter: LLHTTP_WASM }, async (args) => {
      const name = `${LLHTTP_WASM.exec(args.path)[1]}.wasm`;
      const bytes = createRequire(import.meta.url)(args.path);
      if (!(bytes instanceof Uint8Array)) {
        throw new Error(`esbuild.mjs: ${args.path} no longer exports WebAssembly bytes; update llhttpAsWasmFiles`);
      }
      await mkdir(outdir, { recursive: true });
      await writeFile(path.join(outdir, name), bytes);
      return {
        loader: 'js',
        contents: [
          "'use strict';",
          'let bytes;',
          'Object.defineProperty(module, "exports", {',
          `  get: () => (bytes ??= require("node:fs").readFileSync(require("node:path").join(__dirname, ${JSON.stringify(name)}))),`,
          '});',
        ].join('\n'),
      };
    });
  },
};

/**
 * Each of our modules says `import * as vscode from 'vscode'`, and esbuild compiles each such import
 * to its own `__toESM(require('vscode'))`, which copies every name of VS Code's API object (a few
 * hundred) onto a new object: some twenty copies while dist/extension.js loads. Routed through one
 * module that re-exports 'vscode', the copy is made once.
 */
const VSCODE_ONCE = 'vscode-once';
const vscodeOnce = {
  name: VSCODE_ONCE,
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === VSCODE_ONCE ? { path: 'vscode', external: true } : { path: 'vscode', namespace: VSCODE_ONCE },
    );
    build.onLoad({ filter: /.*/, namespace: VSCODE_ONCE }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const extensionOptions = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: path.join(outdir, 'extension.js'),
  plugins: [vendorExternal, vscodeOnce],
};
const vendorOptions = { ...common, entryPoints: [VENDOR_ENTRY], outfile: path.join(outdir, 'vendor.js'), plugins: [llhttpAsWasmFiles] };

/** The npm package a bundled file comes from, or undefined for our own files. */
function packageOf(input) {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
}

/**
 * Refuses a split that would defeat its purpose: a vendor package pulled into extension.js by a
 * static import (it would load at activation, and ship twice), or a file of ours in vendor.js (a
 * second copy of our classes, breaking `instanceof`).
 */
function checkSplit(extensionMeta, vendorMeta) {
  const vendorInputs = Object.keys(vendorMeta.inputs);
  const ours = vendorInputs.filter((input) => !packageOf(input) && input !== VENDOR_ENTRY);
  const vendorPackages = new Set(vendorInputs.map(packageOf).filter(Boolean));
  const leaked = [
    ...new Set(
      Object.keys(extensionMeta.inputs)
        .map(packageOf)
        .filter((name) => vendorPackages.has(name)),
    ),
  ];
  const problems = [
    ...ours.map((input) => `${input} is bundled into dist/vendor.js; ${VENDOR_ENTRY} may re-export third-party packages only`),
    ...leaked.map(
      (name) =>
        `${name} is bundled into both dist/extension.js and dist/vendor.js; take it from vendor() (src/vendor/load.ts), import only its types`,
    ),
  ];
  if (problems.length) {
    throw new Error(`esbuild.mjs: the bundle split is broken:\n  ${problems.join('\n  ')}`);
  }
}

async function writeMetafiles(extensionMeta, vendorMeta) {
  if (!metafileDir) return;
  await mkdir(metafileDir, { recursive: true });
  await writeFile(path.join(metafileDir, 'extension.meta.json'), JSON.stringify(extensionMeta));
  await writeFile(path.join(metafileDir, 'vendor.meta.json'), JSON.stringify(vendorMeta));
}

if (watch) {
  const contexts = await Promise.all([esbuild.context(extensionOptions), esbuild.context(vendorOptions)]);
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const [extension, vendor] = await Promise.all([esbuild.build(extensionOptions), esbuild.build(vendorOptions)]);
  checkSplit(extension.metafile, vendor.metafile);
  await writeMetafiles(extension.metafile, vendor.metafile);
}
