// Bad token answers on purpose (switch `tokenAnswerFault`): the token endpoint answers a successful
// request the way a broken or hostile server might — a body that is not JSON, a missing or odd field,
// or an ID token whose claims are wrong. Claims are changed and the token re-signed with the server's
// own key, so the signature stays valid and only the named claim is wrong; 'idTokenBadSignature'
// changes a claim and keeps the old signature; 'idTokenAlgNone' sends an unsigned token.
// Works by rewriting what oidc-provider hands to `res.end` (it sends its whole body in one call).
import { createPrivateKey, sign, type JsonWebKey } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { JWK } from 'oidc-provider';

export type TokenAnswerFault =
  | 'none'
  | 'nonJson'
  | 'missingAccessToken'
  | 'accessTokenNotString'
  | 'wrongTokenType'
  | 'negativeExpiresIn'
  | 'hugeExpiresIn'
  | 'missingIdToken'
  | 'idTokenWrongNonce'
  | 'idTokenWrongIss'
  | 'idTokenWrongAud'
  | 'idTokenExpired'
  | 'idTokenBadSignature'
  | 'idTokenAlgNone';

export const tokenAnswerFaults: readonly TokenAnswerFault[] = [
  'none',
  'nonJson',
  'missingAccessToken',
  'accessTokenNotString',
  'wrongTokenType',
  'negativeExpiresIn',
  'hugeExpiresIn',
  'missingIdToken',
  'idTokenWrongNonce',
  'idTokenWrongIss',
  'idTokenWrongAud',
  'idTokenExpired',
  'idTokenBadSignature',
  'idTokenAlgNone',
];

type Claims = Record<string, unknown>;

function decodePart(part: string): Claims {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Claims;
}

function encodePart(value: Claims): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function resign(header: Claims, payload: Claims, key: JWK): string {
  const input = `${encodePart(header)}.${encodePart(payload)}`;
  const privateKey = createPrivateKey({ key: key as JsonWebKey, format: 'jwk' });
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/** The ID token with the fault applied. */
function faultyIdToken(idToken: string, fault: TokenAnswerFault, key: JWK): string {
  const [h, p, s] = idToken.split('.');
  const header = decodePart(h);
  const payload = decodePart(p);
  const now = Math.floor(Date.now() / 1000);
  switch (fault) {
    case 'idTokenWrongNonce':
      return resign(header, { ...payload, nonce: 'not-the-nonce-you-sent' }, key);
    case 'idTokenWrongIss':
      return resign(header, { ...payload, iss: 'https://attacker.invalid/Panopto/oauth2' }, key);
    case 'idTokenWrongAud':
      return resign(header, { ...payload, aud: 'some-other-client' }, key);
    case 'idTokenExpired':
      return resign(header, { ...payload, iat: now - 7200, exp: now - 3600 }, key);
    case 'idTokenBadSignature':
      // Another user's subject under the original signature.
      return `${h}.${encodePart({ ...payload, sub: '00000000-0000-4000-8000-000000000bad', name: 'Mallory' })}.${s}`;
    case 'idTokenAlgNone':
      return `${encodePart({ alg: 'none', typ: 'JWT' })}.${p}.`;
    default:
      return idToken;
  }
}

/** The body (and content type) a successful token answer is turned into. */
export function faultyTokenAnswer(body: string, fault: TokenAnswerFault, key: JWK): { body: string; contentType: string } {
  if (fault === 'nonJson') {
    return {
      body: '<!doctype html><html><body><h1>Service temporarily overloaded</h1></body></html>',
      contentType: 'text/html; charset=utf-8',
    };
  }
  const json = JSON.parse(body) as Claims;
  switch (fault) {
    case 'missingAccessToken':
      delete json.access_token;
      break;
    case 'accessTokenNotString':
      json.access_token = 12345;
      break;
    case 'wrongTokenType':
      json.token_type = 'MAC';
      break;
    case 'negativeExpiresIn':
      json.expires_in = -3600;
      break;
    case 'hugeExpiresIn':
      json.expires_in = 1e15; // ~31 million years: beyond any Date a client can compute
      break;
    case 'missingIdToken':
      delete json.id_token;
      break;
    default:
      if (typeof json.id_token === 'string') json.id_token = faultyIdToken(json.id_token, fault, key);
  }
  return { body: JSON.stringify(json), contentType: 'application/json; charset=utf-8' };
}

/** The token answer's ID token as a server whose clock is `skewSeconds` off would issue it. */
function withSkewedClock(body: string, skewSeconds: number, key: JWK): string {
  const json = JSON.parse(body) as Claims;
  if (typeof json.id_token === 'string') json.id_token = skewedIdToken(json.id_token, skewSeconds, key);
  return JSON.stringify(json);
}

/**
 * Makes the next successful (200 JSON) answer written to `res` carry `fault`, and its ID token (and
 * Date header) come from a clock `skewSeconds` off (switch idTokenClockSkewSeconds). Error answers
 * pass unchanged, so a refused request still reads as refused.
 */
export function rewriteTokenAnswer(res: ServerResponse, fault: TokenAnswerFault, key: JWK, skewSeconds = 0): void {
  if (fault === 'none' && skewSeconds === 0) return;
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    if (res.statusCode !== 200 || text === undefined || res.headersSent) return end(chunk, ...rest);
    let rewritten: { body: string; contentType: string };
    try {
      const skewed = skewSeconds === 0 ? text : withSkewedClock(text, skewSeconds, key);
      rewritten =
        fault === 'none' ? { body: skewed, contentType: 'application/json; charset=utf-8' } : faultyTokenAnswer(skewed, fault, key);
    } catch {
      return end(chunk, ...rest);
    }
    if (skewSeconds !== 0) res.setHeader('date', new Date(Date.now() + skewSeconds * 1000).toUTCString());
    res.setHeader('content-type', rewritten.contentType);
    res.setHeader('content-length', Buffer.byteLength(rewritten.body));
    return end(rewritten.body);
  }) as ServerResponse['end'];
}

/** Bad REST v1 answers the `restFaultMode` switch of rest.ts does not make (switch `apiAnswerFault`):
 *  'missingResults' = a list answer names its items `Items` instead of `Results`; 'wrongTypes' = every
 *  `Id` is a number and every `Name` null; 'emptyBody' = 200 with an empty body. Only 200 JSON answers
 *  change. */
export type ApiAnswerFault = 'none' | 'missingResults' | 'wrongTypes' | 'emptyBody';
export const apiAnswerFaults: readonly ApiAnswerFault[] = ['none', 'missingResults', 'wrongTypes', 'emptyBody'];

function withWrongTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withWrongTypes);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Claims = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = key === 'Id' ? 12345 : key === 'Name' ? null : withWrongTypes(inner);
  }
  return copy;
}

export function faultyApiAnswer(body: string, fault: ApiAnswerFault): string {
  if (fault === 'emptyBody') return '';
  const json = JSON.parse(body) as unknown;
  if (fault === 'missingResults' && typeof json === 'object' && json !== null && 'Results' in json) {
    const { Results, ...rest } = json as Claims;
    return JSON.stringify({ ...rest, Items: Results });
  }
  if (fault === 'wrongTypes') return JSON.stringify(withWrongTypes(json));
  return body;
}

/** Makes the 200 JSON answer written to `res` carry `fault` (other answers pass unchanged). */
export function rewriteApiAnswer(res: ServerResponse, fault: ApiAnswerFault): void {
  if (fault === 'none') return;
  // rest.ts sends its headers with writeHead (length included): hold them until the body is known.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- only ever put back on `res` itself
  const writeHead = res.writeHead;
  res.writeHead = (status: number, ...args: unknown[]) => {
    res.statusCode = status;
    const headers = args.find(
      (a): a is Record<string, string | number | string[]> => typeof a === 'object' && a !== null && !Array.isArray(a),
    );
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    return res;
  };
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    res.writeHead = writeHead; // end() writes the held headers through it
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    const json = String(res.getHeader('content-type') ?? '').includes('json');
    if (res.statusCode !== 200 || text === undefined || !json || res.headersSent) return end(chunk, ...rest);
    let rewritten: string;
    try {
      rewritten = faultyApiAnswer(text, fault);
    } catch {
      return end(chunk, ...rest);
    }
    res.setHeader('content-length', Buffer.byteLength(rewritten));
    return end(rewritten);
  }) as ServerResponse['end'];
}

/** The ID token as a server whose clock is `skewSeconds` off would sign it: iat, exp, auth_time
 *  (and nbf when present) moved by that much, re-signed with the server's key so only the times are off. */
export function skewedIdToken(idToken: string, skewSeconds: number, key: JWK): string {
  const [h, p] = idToken.split('.');
  const payload = decodePart(p);
  for (const claim of ['iat', 'exp', 'auth_time', 'nbf']) {
    if (typeof payload[claim] === 'number') payload[claim] = payload[claim] + skewSeconds;
  }
  return resign(decodePart(h), payload, key);
}

// ---- Modes of other fault switches (kept here so switches.ts can validate them) ----

/** How the upload target treats x-amz-checksum-* headers (upload/s3Headers.ts). */
export type ChecksumHeaderMode = 'verify' | 'accept' | 'refuse';
export const checksumHeaderModes: readonly ChecksumHeaderMode[] = ['verify', 'accept', 'refuse'];

/** During an upload outage: 'hang' = requests and bodies stall until it ends; 'reset' = connections are destroyed. */
export type UploadOutageMode = 'hang' | 'reset';
export const uploadOutageModes: readonly UploadOutageMode[] = ['hang', 'reset'];

/** How the dev client (vscode-panopto-dev) is misconfigured on the site (oauth/clients.ts). */
export type OAuthClientFault = 'none' | 'redirectUriNotRegistered' | 'wrongClientType' | 'disabledClient';
export const oauthClientFaults: readonly OAuthClientFault[] = ['none', 'redirectUriNotRegistered', 'wrongClientType', 'disabledClient'];

/** The site address answers as something that is not Panopto (oauth/notPanoptoSite.ts). */
export type NotPanoptoMode = 'off' | 'homePage' | 'notFound' | 'ssoPortal';
export const notPanoptoModes: readonly NotPanoptoMode[] = ['off', 'homePage', 'notFound', 'ssoPortal'];
