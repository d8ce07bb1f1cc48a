// Loads ./index.ts, the code behind the commands, views and providers that activation only
// registers, on its first use instead of at activation (bench figure 6: start-up). Take those
// functions from `features()` at the point of use, e.g. `features().checkSetup(…)`; import only
// types from the feature modules themselves, or they load at activation again.
//
// As with src/vendor/load.ts (which explains why CommonJS needs this by hand), esbuild.mjs builds
// ./index.ts into dist/features.js and turns the require below into `require("./features.js")`.
// Unlike the vendor bundle, feature code imports our own modules that activation has loaded already
// (the auth core, the error classes, the log, @vscode/l10n's configured strings): esbuild.mjs links
// those imports to the copies in dist/extension.js instead of bundling second copies, whose classes
// would fail `instanceof` and whose state would be another's. `isLinking` lets extension.js refuse a
// features.js loaded by anything but this function. Run from source (tsx, the host suites' single
// bundles) the require loads ./index.ts from the one module graph.
import type * as FeaturesModule from './index';

export type Features = typeof FeaturesModule;

let loaded: Features | undefined;
let linking = false;

/** The feature code of ./index.ts, loaded on the first call. */
export function features(): Features {
  if (!loaded) {
    linking = true;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one load on demand, see above
      loaded = require('./index') as Features;
    } finally {
      linking = false;
    }
  }
  return loaded;
}

/** True only while features() loads ./index.ts (esbuild.mjs's link from dist/features.js asks). */
export function isLinking(): boolean {
  return linking;
}
