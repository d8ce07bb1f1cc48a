// Behaviour switches of the dev server. Each is a field of one live, mutable object: tests flip
// fields directly on `server.switches`, other processes use GET/POST /__dev/switches, and
// `npm run dev-server` reads PANOPTO_DEV_<NAME> (camelCase → SCREAMING_SNAKE, e.g.
// rotateRefreshTokens → PANOPTO_DEV_ROTATE_REFRESH_TOKENS). Documented in devserver/README.md.
//
// To add a switch: add the field to `Switches` with a comment, its default to `defaultSwitches()`,
// and (only when its type alone does not say what is valid) a check to `validators`.

import {
  apiAnswerFaults,
  checksumHeaderModes,
  notPanoptoModes,
  oauthClientFaults,
  tokenAnswerFaults,
  uploadOutageModes,
  type ApiAnswerFault,
  type ChecksumHeaderMode,
  type NotPanoptoMode,
  type OAuthClientFault,
  type TokenAnswerFault,
  type UploadOutageMode,
} from './faults';
import {
  changeDeniedModes,
  legacyNoCookieModes,
  oneOf,
  topLevelFolderCreatorModes,
  vttCaptionModes,
  type ChangeDeniedMode,
  type LegacyNoCookieMode,
  type TopLevelFolderCreators,
  type VttCaptionMode,
} from './rest/switchModes';

export type PkceMode = 'ignore' | 'verify' | 'reject';

/** Persistent REST faults (devserver/rest.ts): 'error500' = 500 with an HTML error page every time;
 *  'malformedJson' = 200 with truncated JSON; 'html' = 200 with an HTML sign-in page; 'bareArray' = a
 *  list as a bare array instead of { Results } (Panopto's 2019 shape); 'endlessPaging' = list pages
 *  past the end repeat page 0, so paging never ends. */
export type RestFaultMode = 'none' | 'error500' | 'malformedJson' | 'html' | 'bareArray' | 'endlessPaging';
export const restFaultModes: readonly RestFaultMode[] = ['none', 'error500', 'malformedJson', 'html', 'bareArray', 'endlessPaging'];

export interface Switches {
  // ---- OAuth (devserver/oauth.ts) ----
  /** ignore: PKCE parameters are stripped before the OAuth server sees them; verify: checked when
   *  sent; reject: a token request with code_verifier (or a code issued for a code_challenge) fails
   *  with invalid_grant, as one integrator reported for Panopto. */
  pkce: PkceMode;
  /** Each refresh returns a new refresh token and the old one stops working. */
  rotateRefreshTokens: boolean;
  /** Lifetime of newly issued access tokens (expires_in). */
  accessTokenTtlSeconds: number;
  /** Lifetime of newly issued refresh tokens (Panopto does not publish it; IdentityServer's default is 30 days). */
  refreshTokenTtlSeconds: number;
  /** false: /.well-known/openid-configuration answers 404 (an OAuth server without discovery). */
  discovery: boolean;
  /** The next N token requests answer 503 (counts down). */
  tokenEndpointFailures: number;
  /** Every token request waits this long before it is answered. */
  tokenEndpointDelayMs: number;
  /** Every successful token answer carries this fault (devserver/faults.ts): a non-JSON body, a
   *  missing/odd field, or an ID token with a wrong claim or signature. 'none' = answers as is. */
  tokenAnswerFault: TokenAnswerFault;
  /** The dev client is misconfigured on the site (oauth/clients.ts): 'redirectUriNotRegistered' (its
   *  redirect URIs are not the ones the app sends: an error page, no redirect back), 'wrongClientType'
   *  (registered as a JavaScript Web Application: the code flow and refresh answer unauthorized_client),
   *  'disabledClient' (unknown to the OAuth server: invalid_client). */
  oauthClientFault: OAuthClientFault;
  /** Every sign-in ends as if the user pressed Deny: redirect with error=access_denied. */
  denySignIn: boolean;
  /** ID tokens are issued by a clock this many seconds off (iat, exp, auth_time moved; re-signed); e.g. 600 or -600. */
  idTokenClockSkewSeconds: number;
  /** The site is not Panopto (oauth/notPanoptoSite.ts): every path but /__dev/ answers as 'homePage' (200
   *  HTML for everything), 'notFound' (404 HTML) or 'ssoPortal' (302 to a university sign-in page). */
  notPanopto: NotPanoptoMode;

  // ---- REST v1 (devserver/rest.ts) ----
  /** Items per page on every list endpoint (Panopto's real page size is unknown, docs/panopto.md#paging). */
  pageSize: number;
  /** The next N REST requests (matching restFaultPath) answer restFailStatus, before authentication (counts down). */
  restFailCount: number;
  /** Status of those failures (429 by default). */
  restFailStatus: number;
  /** Retry-After seconds sent with a 429/503 failure; negative = no header. */
  restRetryAfterSeconds: number;
  /** A persistent fault for REST requests matching restFaultPath (see RestFaultMode). */
  restFaultMode: RestFaultMode;
  /** Faults apply only to REST paths containing this text, e.g. '/children'; '' = every REST route. */
  restFaultPath: string;
  /** Each access token works for N REST requests, then answers 401 as if it had expired; 0 = no limit. */
  restTokenRequestLimit: number;
  /** Every 200 JSON answer of REST v1 is spoiled (devserver/faults.ts): 'missingResults', 'wrongTypes',
   *  'emptyBody'; 'none' = answers as is. Independent of restFaultPath. */
  apiAnswerFault: ApiAnswerFault;
  /** A change the user has no Creator role for (devserver/rest/http.ts): '403apiError', '403empty', '401empty'. */
  restChangeDenied: ChangeDeniedMode;
  /** Who may create top-level folders (or move folders there): 'instructors', 'everyone', 'nobody'. */
  restTopLevelFolderCreators: TopLevelFolderCreators;
  /** Session.Urls.CaptionDownloadUrl even for a session without captions (false: null then). */
  restCaptionUrlAlways: boolean;
  /** An uploaded VTT caption file is kept 'convertToSrt' (what the download serves) or 'keepAsGiven'. */
  restVttCaptions: VttCaptionMode;
  /** Session search also matches caption text (and fills Context from it). */
  restSearchCaptions: boolean;
  /** The caption download without the .ASPXAUTH cookie: 'redirectToLogin' (302), '401' or '403'. */
  restLegacyNoCookie: LegacyNoCookieMode;

  // ---- Upload (devserver/upload.ts) ----
  /** Largest part the upload target accepts; bigger parts get 400 EntityTooLarge (Panopto: "may fail above 25MB"). */
  maxPartSizeBytes: number;
  /** The upload target accepts only plain bodies with Content-Length: chunked without a length (411),
   *  aws-chunked / streaming-signed bodies and x-amz-trailer (501 NotImplemented) are refused. */
  strictS3: boolean;
  /** x-amz-checksum-* headers on the upload target (upload/s3Headers.ts): 'verify' (checked against the
   *  body, 400 BadDigest when wrong), 'accept' (unchecked), 'refuse' (400 InvalidRequest). */
  checksumHeaders: ChecksumHeaderMode;
  /** GET {file}?uploadId= lists the parts (ListParts); false answers 501 NotImplemented (a guess at a target without it). */
  listParts: boolean;
  /** An upload still in State 0 with no request to its target for this long expires (State 6, then 7;
   *  its S3 upload ids answer 404 NoSuchUpload); 0 = never. */
  uploadExpiryMs: number;
  /** N > 0: the Nth part PUT (counted per server) has its connection destroyed mid-body, once; then resets to 0. */
  dropConnectionOnPart: number;
  /** The next N sessionUpload requests answer 403 as if the token had expired (counts down). */
  sessionUpload403: number;
  /** Delay of each processing step after State 1 (1 → 3, then 3 → 4). */
  processingDelayMs: number;
  /** A dropped part PUT (dropConnectionOnPart, dropPartProbability) loses its connection once more than
   *  this many body bytes arrived; a part no longer than that is stored and its answer lost. */
  dropConnectionAfterBytes: number;
  /** Each part PUT is dropped with this probability (0–1), drawn from a generator seeded with dropPartSeed. */
  dropPartProbability: number;
  /** Seed of those draws; the same seed and probability drop the same part PUTs. */
  dropPartSeed: number;
  /** The upload API and target stop answering for this many ms from when it is set (then it resets to 0). */
  uploadOutageMs: number;
  /** What the outage looks like: 'hang' (requests and bodies stall, then go on) or 'reset' (connections destroyed). */
  uploadOutageMode: UploadOutageMode;
}

export function defaultSwitches(): Switches {
  return {
    pkce: 'ignore',
    rotateRefreshTokens: true,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 30 * 24 * 3600,
    discovery: true,
    tokenEndpointFailures: 0,
    tokenEndpointDelayMs: 0,
    tokenAnswerFault: 'none',
    oauthClientFault: 'none',
    denySignIn: false,
    idTokenClockSkewSeconds: 0,
    notPanopto: 'off',
    pageSize: 50,
    restFailCount: 0,
    restFailStatus: 429,
    restRetryAfterSeconds: 1,
    restFaultMode: 'none',
    restFaultPath: '',
    restTokenRequestLimit: 0,
    apiAnswerFault: 'none',
    restChangeDenied: '403apiError',
    restTopLevelFolderCreators: 'instructors',
    restCaptionUrlAlways: false,
    restVttCaptions: 'convertToSrt',
    restSearchCaptions: true,
    restLegacyNoCookie: 'redirectToLogin',
    maxPartSizeBytes: 25 * 1024 * 1024,
    strictS3: true,
    checksumHeaders: 'verify',
    listParts: true,
    uploadExpiryMs: 0,
    dropConnectionOnPart: 0,
    sessionUpload403: 0,
    processingDelayMs: 1000,
    dropConnectionAfterBytes: 0,
    dropPartProbability: 0,
    dropPartSeed: 1,
    uploadOutageMs: 0,
    uploadOutageMode: 'hang',
  };
}

type Validator = (value: unknown) => string | undefined; // an error message, or undefined when fine

const nonNegativeInteger: Validator = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : 'must be a whole number ≥ 0';

/** Extra checks beyond "same type as the default". */
const validators: Partial<Record<keyof Switches, Validator>> = {
  pkce: (v) => (v === 'ignore' || v === 'verify' || v === 'reject' ? undefined : "must be 'ignore', 'verify' or 'reject'"),
  accessTokenTtlSeconds: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : 'must be a whole number ≥ 1'),
  refreshTokenTtlSeconds: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : 'must be a whole number ≥ 1'),
  tokenEndpointFailures: nonNegativeInteger,
  tokenEndpointDelayMs: nonNegativeInteger,
  tokenAnswerFault: (v) =>
    tokenAnswerFaults.includes(v as TokenAnswerFault) ? undefined : `must be one of ${tokenAnswerFaults.join(', ')}`,
  pageSize: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : 'must be a whole number ≥ 1'),
  restFailCount: nonNegativeInteger,
  restFailStatus: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 400 && v <= 599 ? undefined : 'must be an HTTP error status (400–599)',
  restFaultMode: (v) => (restFaultModes.includes(v as RestFaultMode) ? undefined : `must be one of ${restFaultModes.join(', ')}`),
  restTokenRequestLimit: nonNegativeInteger,
  apiAnswerFault: (v) => (apiAnswerFaults.includes(v as ApiAnswerFault) ? undefined : `must be one of ${apiAnswerFaults.join(', ')}`),
  restChangeDenied: oneOf(changeDeniedModes),
  restTopLevelFolderCreators: oneOf(topLevelFolderCreatorModes),
  restVttCaptions: oneOf(vttCaptionModes),
  restLegacyNoCookie: oneOf(legacyNoCookieModes),
  maxPartSizeBytes: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : 'must be a whole number ≥ 1'),
  dropConnectionOnPart: nonNegativeInteger,
  sessionUpload403: nonNegativeInteger,
  processingDelayMs: nonNegativeInteger,
  oauthClientFault: (v) =>
    oauthClientFaults.includes(v as OAuthClientFault) ? undefined : `must be one of ${oauthClientFaults.join(', ')}`,
  idTokenClockSkewSeconds: (v) =>
    typeof v === 'number' && Number.isInteger(v) ? undefined : 'must be a whole number of seconds (negative = behind)',
  notPanopto: (v) => (notPanoptoModes.includes(v as NotPanoptoMode) ? undefined : `must be one of ${notPanoptoModes.join(', ')}`),
  checksumHeaders: (v) =>
    checksumHeaderModes.includes(v as ChecksumHeaderMode) ? undefined : `must be one of ${checksumHeaderModes.join(', ')}`,
  uploadExpiryMs: nonNegativeInteger,
  dropConnectionAfterBytes: nonNegativeInteger,
  dropPartProbability: (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'must be a probability from 0 to 1'),
  dropPartSeed: (v) => (typeof v === 'number' && Number.isInteger(v) ? undefined : 'must be a whole number'),
  uploadOutageMs: nonNegativeInteger,
  uploadOutageMode: (v) =>
    uploadOutageModes.includes(v as UploadOutageMode) ? undefined : `must be one of ${uploadOutageModes.join(', ')}`,
};

export class SwitchError extends Error {}

function isSwitchName(name: string, defaults: Switches): name is keyof Switches {
  return Object.prototype.hasOwnProperty.call(defaults, name);
}

function checkValue(name: keyof Switches, value: unknown, defaults: Switches): void {
  const expected = defaults[name];
  const sameShape =
    expected === null || value === null
      ? expected === value
      : typeof expected === typeof value && Array.isArray(expected) === Array.isArray(value);
  // A switch whose default is null/undefined (e.g. an optional object) accepts any JSON value.
  if (!sameShape && expected !== null && expected !== undefined) {
    throw new SwitchError(`switch ${name}: expected a ${typeof expected}, got ${JSON.stringify(value)}`);
  }
  const problem = validators[name]?.(value);
  if (problem) throw new SwitchError(`switch ${name}: ${problem} (got ${JSON.stringify(value)})`);
}

/** Applies a partial update (from options or POST /__dev/switches). Unknown names and bad values
 *  throw a SwitchError naming the switch; nothing is applied then. */
export function applySwitches(target: Switches, patch: unknown): Switches {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new SwitchError('switches must be a JSON object');
  }
  const defaults = defaultSwitches();
  const entries = Object.entries(patch);
  for (const [name, value] of entries) {
    if (!isSwitchName(name, defaults)) throw new SwitchError(`unknown switch: ${name}`);
    checkValue(name, value, defaults);
  }
  Object.assign(target, Object.fromEntries(entries));
  return target;
}

export function envNameOf(name: string): string {
  return 'PANOPTO_DEV_' + name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function parseEnvValue(name: string, raw: string, expected: unknown): unknown {
  if (typeof expected === 'boolean') {
    const lower = raw.trim().toLowerCase();
    if (['1', 'true', 'on', 'yes'].includes(lower)) return true;
    if (['0', 'false', 'off', 'no'].includes(lower)) return false;
    throw new SwitchError(`${envNameOf(name)}: expected true/false, got ${JSON.stringify(raw)}`);
  }
  if (typeof expected === 'number') {
    const n = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(n)) {
      throw new SwitchError(`${envNameOf(name)}: expected a number, got ${JSON.stringify(raw)}`);
    }
    return n;
  }
  if (typeof expected === 'string') return raw.trim();
  try {
    return JSON.parse(raw) as unknown; // objects, arrays and null-defaulted switches are JSON
  } catch {
    throw new SwitchError(`${envNameOf(name)}: expected JSON, got ${JSON.stringify(raw)}`);
  }
}

/** Reads every PANOPTO_DEV_<NAME> that names a switch. Throws a SwitchError naming a bad variable. */
export function switchesFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Switches> {
  const defaults = defaultSwitches();
  const patch: Record<string, unknown> = {};
  for (const name of Object.keys(defaults) as (keyof Switches)[]) {
    const raw = env[envNameOf(name)];
    if (raw === undefined) continue;
    patch[name] = parseEnvValue(name, raw, defaults[name]);
  }
  applySwitches(defaultSwitches(), patch); // validate only
  return patch;
}
