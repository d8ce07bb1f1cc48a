// How long an access token is taken to live, from the token answer's `expires_in`. The value comes
// from the site and drives the renewal timer (refresher.ts): a zero or tiny lifetime would renew
// without pause, a huge one would never renew. So it is bounded, and the log says what is used.
import type { Log } from '../util/log';

/** Below this a lifetime is not believed: renewing more often than every few seconds helps no one. */
export const MIN_TOKEN_LIFETIME_SECONDS = 10;
/** Above this neither: renewing early is harmless, never renewing is not. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** What OAuth 2.0 leaves to the server when it names none; Panopto's tokens live an hour. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** The lifetime to use for a token answer's `expires_in` (any JSON value), logged when it is not the server's own. */
export function tokenLifetimeSeconds(expiresIn: unknown, log?: Log): number {
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)) {
    log?.info(`The token answer named no lifetime; using ${DEFAULT_TOKEN_LIFETIME_SECONDS} s`);
    return DEFAULT_TOKEN_LIFETIME_SECONDS;
  }
  if (expiresIn < MIN_TOKEN_LIFETIME_SECONDS) {
    log?.warn(`The token answer said it lives ${expiresIn} s; using ${MIN_TOKEN_LIFETIME_SECONDS} s`);
    return MIN_TOKEN_LIFETIME_SECONDS;
  }
  if (expiresIn > MAX_TOKEN_LIFETIME_SECONDS) {
    log?.info(`The token answer said it lives ${expiresIn} s; using ${MAX_TOKEN_LIFETIME_SECONDS} s`);
    return MAX_TOKEN_LIFETIME_SECONDS;
  }
  return Math.floor(expiresIn);
}
