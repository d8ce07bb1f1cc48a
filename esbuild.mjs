// Bundles the extension into four CommonJS files (Node, `vscode` left external):
// - dist/main.cjs, from src/startup/main.ts: package.json's "main", which loads dist/extension.js
//   through V8's code cache (src/startup/codeCache.ts);
// - dist/extension.js, from src/extension.ts: what activation needs (registering the provider, the
//   views, the commands and the providers, and answering getSessions from SecretStorage);
// - dist/features.js, from src/features/index.ts: our code behind those commands, views and
//   providers, which src/features/load.ts requires on first use; its imports of modules that
//   extension.js holds are linked to those copies (linkToActivationBundle below);
// - dist/vendor.js, from src/vendor/index.ts: the third-party libraries activation does not need
//   (undici, openid-client, fast-xml-parser, dotenv), which src/vendor/load.ts requires on first use;
//   with undici's HTTP parser beside it as dist/llhttp.wasm and dist/llhttp_simd.wasm.
// src/vendor/load.ts explains why the split is done by hand. Test bundles for the extension host are
// built by test/host/build.mjs.
//
//   node esbuild.mjs [--production] [--watch] [--outdir <dir>] [--metafile <dir>]
// --outdir writes the files to <dir> instead of dist/; --metafile writes esbuild's metafiles
// (main.meta.json, extension.meta.json, features.meta.json, vendor.meta.json) to <dir>. The bench uses both
// (bench/figures/startup.ts): its own copy of the production build, and where the bytes come from.
import * as esbuild from 'esbuild';
import { watch as watchFiles } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
const FEATURES_ENTRY = 'src/features/index.ts';
/** What each loader requires (`require('./index')`), and what that require becomes in the bundles. */
const LAZY_BUNDLES = new Map([
  [path.join(root, 'src/vendor/load.ts'), './vendor.js'],
  [path.join(root, 'src/features/load.ts'), './features.js'],
]);

/** In src/vendor/load.ts and src/features/load.ts, `require('./index')` becomes `require('./vendor.js')` / `require('./features.js')`, left to Node at run time. */
const lazyBundlesExternal = {
  name: 'lazy-bundles-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) =>
      LAZY_BUNDLES.has(args.importer) ? { path: LAZY_BUNDLES.get(args.importer), external: true } : undefined,
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
 * hundred) onto a new object, each as a getter: some twenty copies while dist/extension.js loads.
 * Routed through one module, the API is read once; that module exports each name the API declares
 * (node_modules/@types/vscode/index.d.ts) as a plain binding read from the API object, not a
 * `export * from 'vscode'` (one copy, still a getter per name, ~1 ms at start-up: bench figure 6),
 * so a use like `vscode.window` compiles to a direct reference. The API object's members never
 * change after it is made, so reading them once is the same as reading them on every use. A name
 * the declarations lack fails the build (esbuild: no matching export) instead of being undefined.
 */
const VSCODE_ONCE = 'vscode-once';
/** The value names (classes, enums, namespaces, functions, constants) VS Code's API declares. */
async function vscodeApiNames() {
  const declarations = await readFile(path.join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = new Set();
  for (const match of declarations.matchAll(/^\texport (?:class|enum|namespace|const|let|var|function) ([A-Za-z_$][\w$]*)/gm)) {
    names.add(match[1]);
  }
  return [...names];
}
const vscodeOnce = {
  name: VSCODE_ONCE,
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === VSCODE_ONCE ? { path: 'vscode', external: true } : { path: 'vscode', namespace: VSCODE_ONCE },
    );
    build.onLoad({ filter: /.*/, namespace: VSCODE_ONCE }, async () => ({
      contents: [
        "const api = require('vscode');",
        // A pure call, unlike a property read, lets esbuild drop the names a bundle does not use.
        'const read = (name) => api[name];',
        ...(await vscodeApiNames()).map((name) => `export const ${name} = /* @__PURE__ */ read(${JSON.stringify(name)});`),
      ].join('\n'),
      loader: 'js',
    }));
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

const vendorOptions = { ...common, entryPoints: [VENDOR_ENTRY], outfile: path.join(outdir, 'vendor.js'), plugins: [llhttpAsWasmFiles] };

/** dist/main.cjs, package.json's "main": a few lines that load dist/extension.js through V8's code cache. */
const mainOptions = { ...common, entryPoints: ['src/startup/main.ts'], outfile: path.join(outdir, 'main.cjs') };

/** A metafile input's path, as esbuild names it (relative to the root, forward slashes). */
function inputName(file) {
  return path.relative(root, file).split(path.sep).join('/');
}

const LINKED = 'linked-from-extension';
const ACTIVATION_ENTRY = 'activation-entry';

/**
 * dist/extension.js: src/extension.ts, and, for each module of its own that dist/features.js
 * imports (`linked`, metafile input names), that module's exports, handed out by
 * `__linkedModule(name)` only while src/features/load.ts loads features.js: a features.js required
 * by a second copy of extension.js (which would have its own auth core and classes) fails loudly.
 */
function extensionOptions(linked) {
  const names = [...linked].sort();
  const entry = {
    name: ACTIVATION_ENTRY,
    setup(build) {
      build.onResolve({ filter: /^activation-entry$/ }, () => ({ path: 'src/extension.ts', namespace: ACTIVATION_ENTRY }));
      build.onLoad({ filter: /.*/, namespace: ACTIVATION_ENTRY }, () => ({
        resolveDir: root,
        loader: 'js',
        contents: [
          "export * from './src/extension.ts';",
          "import { isLinking } from './src/features/load.ts';",
          ...names.map((name, i) => `import * as linked${i} from ${JSON.stringify(`./${name}`)};`),
          `const linked = { ${names.map((name, i) => `${JSON.stringify(name)}: linked${i}`).join(', ')} };`,
          'export function __linkedModule(name) {',
          "  if (!isLinking()) throw new Error('dist/features.js is loaded by src/features/load.ts of the dist/extension.js VS Code activated, not otherwise');",
          '  return linked[name];',
          '}',
        ].join('\n'),
      }));
    },
  };
  return {
    ...common,
    entryPoints: ['activation-entry'],
    outfile: path.join(outdir, 'extension.js'),
    plugins: [entry, lazyBundlesExternal, vscodeOnce],
  };
}

/**
 * dist/features.js: src/features/index.ts, with every import of a module that dist/extension.js
 * holds (`activationInputs`) turned into a require of that copy through `__linkedModule`; the
 * names it linked are added to `linked`.
 */
function featuresOptions(activationInputs, linked) {
  const linkToActivationBundle = {
    name: 'link-to-activation-bundle',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.namespace !== 'file' || args.pluginData === LINKED) return undefined;
        // A package's imports of its own files stay inside its copy: a package is linked (or not) as
        // a whole, where our code imports it; checkSplit refuses one bundled into both files.
        if (/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: LINKED,
        });
        if (resolved.errors.length || resolved.external || resolved.namespace !== 'file') return undefined;
        const name = inputName(resolved.path);
        if (!activationInputs.has(name)) return undefined;
        linked.add(name);
        return { path: name, namespace: LINKED };
      });
      build.onResolve({ filter: /^\.\/extension\.js$/, namespace: LINKED }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: LINKED }, (args) => ({
        loader: 'js',
        contents: `module.exports = require("./extension.js").__linkedModule(${JSON.stringify(args.path)});`,
      }));
    },
  };
  return {
    ...common,
    entryPoints: [FEATURES_ENTRY],
    outfile: path.join(outdir, 'features.js'),
    // lazyBundlesExternal after the link: src/vendor/load.ts is linked, never bundled twice.
    plugins: [linkToActivationBundle, lazyBundlesExternal, vscodeOnce],
  };
}

/**
 * Builds extension.js and features.js until they agree: exporting a linked module's namespace
 * keeps all its exports, which may pull more of our modules into extension.js, which features.js
 * must then link too. Two or three rounds.
 */
async function buildActivationAndFeatures() {
  let linked = new Set();
  for (let round = 0; round < 8; round++) {
    const extension = await esbuild.build(extensionOptions(linked));
    const found = new Set();
    const features = await esbuild.build(featuresOptions(new Set(Object.keys(extension.metafile.inputs)), found));
    if ([...found].every((name) => linked.has(name))) return { extension, features };
    linked = new Set([...linked, ...found]);
  }
  throw new Error('esbuild.mjs: dist/extension.js and dist/features.js did not settle on the modules they share');
}

/** The npm package a bundled file comes from, or undefined for our own files. */
function packageOf(input) {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
}

/**
 * Refuses a split that would defeat its purpose: a vendor package pulled into extension.js or
 * features.js by a static import (it would load too early, and ship twice), a file of ours in
 * vendor.js, or a file in both extension.js and features.js (a second copy of our classes, breaking
 * `instanceof`, or of a module's state).
 */
function checkSplit(extensionMeta, featuresMeta, vendorMeta) {
  const vendorInputs = Object.keys(vendorMeta.inputs);
  const ours = vendorInputs.filter((input) => !packageOf(input) && input !== VENDOR_ENTRY);
  const vendorPackages = new Set(vendorInputs.map(packageOf).filter(Boolean));
  const leaked = (meta, bundle) =>
    [
      ...new Set(
        Object.keys(meta.inputs)
          .map(packageOf)
          .filter((name) => vendorPackages.has(name)),
      ),
    ].map(
      (name) =>
        `${name} is bundled into both ${bundle} and dist/vendor.js; take it from vendor() (src/vendor/load.ts), import only its types`,
    );
  const activationInputs = new Set(Object.keys(extensionMeta.inputs));
  // Files only: each bundle's own copy of the `vscode` namespace (vscodeOnce) holds no state.
  const twice = Object.keys(featuresMeta.inputs).filter((input) => activationInputs.has(input) && !input.includes(':'));
  const problems = [
    ...ours.map((input) => `${input} is bundled into dist/vendor.js; ${VENDOR_ENTRY} may re-export third-party packages only`),
    ...leaked(extensionMeta, 'dist/extension.js'),
    ...leaked(featuresMeta, 'dist/features.js'),
    ...twice.map((input) => `${input} is bundled into both dist/extension.js and dist/features.js`),
  ];
  if (problems.length) {
    throw new Error(`esbuild.mjs: the bundle split is broken:\n  ${problems.join('\n  ')}`);
  }
}

/** dist/main.cjs is compiled on every start without a cache: it must hold src/startup/ alone. */
function checkMain(mainMeta) {
  const extra = Object.keys(mainMeta.inputs).filter((input) => !input.startsWith('src/startup/'));
  if (extra.length) {
    throw new Error(`esbuild.mjs: dist/main.cjs must hold src/startup/ only, and it also bundles ${extra.join(', ')}`);
  }
}

async function writeMetafiles(metafiles) {
  if (!metafileDir) return;
  await mkdir(metafileDir, { recursive: true });
  for (const [name, meta] of Object.entries(metafiles)) {
    await writeFile(path.join(metafileDir, `${name}.meta.json`), JSON.stringify(meta));
  }
}

async function buildAll() {
  const [{ extension, features }, vendor, main] = await Promise.all([
    buildActivationAndFeatures(),
    esbuild.build(vendorOptions),
    esbuild.build(mainOptions),
  ]);
  checkSplit(extension.metafile, features.metafile, vendor.metafile);
  checkMain(main.metafile);
  await writeMetafiles({ main: main.metafile, extension: extension.metafile, features: features.metafile, vendor: vendor.metafile });
}

if (watch) {
  // The linked build is several esbuild builds that depend on each other, which esbuild's own watch
  // mode cannot express: rebuild all of it when a file under src/ changes.
  let pending;
  const rebuild = () =>
    buildAll().then(
      () => console.log(`esbuild.mjs: built ${new Date().toLocaleTimeString()}`),
      (error) => console.error(error instanceof Error ? error.message : error),
    );
  await rebuild();
  watchFiles(path.join(root, 'src'), { recursive: true }, () => {
    clearTimeout(pending);
    pending = setTimeout(rebuild, 100);
  });
} else {
  await buildAll();
}
