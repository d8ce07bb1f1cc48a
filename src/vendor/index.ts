// The third-party libraries that activation does not need, built by esbuild.mjs into their own file,
// dist/vendor.js, and loaded on first use through ./load.ts (never imported directly: see there):
// those of network use (undici, openid-client, fast-xml-parser) and dotenv (the .env import command).
// Activation (registering the provider, the views and the commands, and answering getSessions from
// SecretStorage) needs none of them, and undici alone is most of the code we ship.
//
// Only re-exports of third-party packages belong here. A module of ours re-exported from this file
// would be built into vendor.js as a second copy beside the one in extension.js, with its own
// classes, so `instanceof` against our error classes would fail; esbuild.mjs refuses such a build.
// zod is not here: only our Panopto client uses it (src/panopto/wire.ts), and that code is in
// dist/features.js, which loads on first use as well (src/features/load.ts).
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  AuthorizationResponseError,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientError,
  ClientSecretBasic,
  Configuration,
  customFetch,
  discovery,
  enableNonRepudiationChecks,
  fetchUserInfo,
  genericGrantRequest,
  None,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  refreshTokenGrant,
  ResponseBodyError,
  tokenRevocation,
  WWWAuthenticateChallengeError,
} from 'openid-client';

export { request } from 'undici';
export { XMLBuilder, XMLParser } from 'fast-xml-parser';
export { parse as parseDotenv } from 'dotenv';

/**
 * What src/auth uses of openid-client, by name: a namespace re-export (`export * as`) would keep
 * all of openid-client, oauth4webapi and jose in the bundle, where named imports let esbuild drop
 * what is not used (about 45 KiB).
 */
export const oidc = {
  allowInsecureRequests,
  authorizationCodeGrant,
  AuthorizationResponseError,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientError,
  ClientSecretBasic,
  Configuration,
  customFetch,
  discovery,
  enableNonRepudiationChecks,
  fetchUserInfo,
  genericGrantRequest,
  None,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  refreshTokenGrant,
  ResponseBodyError,
  tokenRevocation,
  WWWAuthenticateChallengeError,
  // `as const`: read-only properties keep customFetch's `unique symbol` type (a writable one widens
  // to `symbol`, which cannot index a Configuration).
} as const;
