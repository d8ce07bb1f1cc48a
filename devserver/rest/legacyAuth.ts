// Panopto's legacy cookie sign-in (docs/panopto.md#captions):
//   GET /Panopto/api/v1/auth/legacyLogin (Bearer token) → 200, a JSON string, and Set-Cookie `.ASPXAUTH`
//   (HttpOnly) plus a CSRF cookie. Pages outside REST v1 (the caption download) accept that cookie.
// A ticket lives as long as the dev server (ASP.NET forms tickets are session cookies by default).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevContext } from '../context';
import { json, send, SIGN_IN_PAGE, type RestRequest } from './http';
import { stateOf, type LegacyTicket } from './state';

export const LEGACY_AUTH_COOKIE = '.ASPXAUTH';
/** Panopto sends a second cookie next to .ASPXAUTH; its name is not public and nothing here checks it. */
export const LEGACY_CSRF_COOKIE = 'csrfToken';

export function legacyLogin(r: RestRequest): void {
  const ticket = randomBytes(32).toString('hex').toUpperCase();
  stateOf(r.ctx).legacyTickets.set(ticket, { userId: r.principal.userId, userName: r.principal.userName });
  r.res.setHeader('set-cookie', [
    `${LEGACY_AUTH_COOKIE}=${ticket}; path=/; HttpOnly; SameSite=Lax`,
    `${LEGACY_CSRF_COOKIE}=${randomBytes(16).toString('hex')}; path=/; SameSite=Lax`,
  ]);
  json(r, 200, '');
}

function cookiesOf(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

/** Who the request's .ASPXAUTH cookie signs in, if anyone. */
export function legacyUserOf(req: IncomingMessage, ctx: Pick<DevContext, 'stats'>): LegacyTicket | undefined {
  const ticket = cookiesOf(req).get(LEGACY_AUTH_COOKIE);
  return ticket === undefined ? undefined : stateOf(ctx).legacyTickets.get(ticket);
}

/** A legacy page without a valid cookie. ASP.NET forms authentication redirects to the sign-in page
 *  (integrators report getting "an HTML login page"); restLegacyNoCookie can make it 401 or 403. */
export function legacySignInRequired(res: ServerResponse, url: URL, ctx: DevContext): void {
  switch (ctx.switches.restLegacyNoCookie) {
    case '401':
      send(res, 401, '');
      return;
    case '403':
      send(res, 403, '');
      return;
    default: {
      const returnUrl = encodeURIComponent(`${url.pathname}${url.search}`);
      send(res, 302, '', { location: `${ctx.baseUrl}/Panopto/Pages/Auth/Login.aspx?ReturnUrl=${returnUrl}` });
    }
  }
}

export function signInPage(res: ServerResponse): void {
  send(res, 200, SIGN_IN_PAGE, { 'content-type': 'text/html; charset=utf-8' });
}
