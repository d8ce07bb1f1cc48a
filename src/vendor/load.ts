// Loads ./index.ts (undici, openid-client, fast-xml-parser, dotenv) on the first call instead of at
// activation. Import the libraries' types with `import type` anywhere; take their values from
// `vendor()` at the point of use, e.g. `vendor().request(url, …)`.
//
// Why this is hand-written: VS Code requires an extension's `main` as CommonJS, and esbuild splits a
// bundle into lazily loaded chunks only for ESM output (its `splitting` option needs
// `format: 'esm'`); no bundler or plugin provides lazy chunks for a CommonJS extension. So
// esbuild.mjs builds ./index.ts as a second bundle, dist/vendor.js, and, while building
// dist/extension.js, turns the require below into `require("./vendor.js")`, a file beside
// extension.js that Node loads only when vendor() first runs. Run from source (tsx: mocha, the
// bench), the same require loads ./index.ts itself. Bundled by anything else (test/host/build.mjs),
// esbuild keeps the require lazy inside the one bundle.
import type * as VendorModule from './index';

export type Vendor = typeof VendorModule;

let loaded: Vendor | undefined;

/** The third-party libraries of ./index.ts, loaded on the first call. */
export function vendor(): Vendor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one load on demand, see above
  return (loaded ??= require('./index') as Vendor);
}

/**
 * The libraries if something loaded them already, else undefined. For `instanceof` checks against a
 * library's error classes, which need not load it: an error can only come from a library that ran.
 */
export function loadedVendor(): Vendor | undefined {
  return loaded;
}
