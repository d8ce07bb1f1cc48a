// REST API v1 of the dev server, as docs/panopto.md#rest-v1-folders-and-sessions describes it, and the legacy pages its answers
// link to. Routes: rest/routes.ts (folders.ts, sessions.ts, search.ts, captions.ts, legacyAuth.ts);
// legacy pages (caption download, thumbnails): rest/legacyPages.ts. Summary in devserver/README.md.
// Every REST request is counted (stats.restRequests), then the restFail*/restFault* switches apply,
// then the bearer token: missing/invalid/expired → 401 empty, no scope `api` → 403 empty.
import type { IncomingMessage } from 'node:http';
import { bearerTokenOf, sha256Hex, type DevContext, type RouteHandler } from './context';
import type { Switches } from './switches';
import type { FolderCatalog } from './rest/catalog';
import { apiError, send, SERVER_ERROR_PAGE, type RestRequest } from './rest/http';
import { handleLegacyPage } from './rest/legacyPages';
import { matchRoute } from './rest/routes';
import { stateOf } from './rest/state';

const PREFIX = '/Panopto/api/v1';

/** The server's folder catalog (the upload side adds sessions to it when processing finishes). */
export function catalogOf(ctx: Pick<DevContext, 'stats'>): FolderCatalog {
  return stateOf(ctx).catalog;
}

/** REST requests received since the last stats reset, by route template, e.g. `GET /folders/{id}/children`. */
export function restRequestCounts(ctx: Pick<DevContext, 'stats'>): Record<string, number> {
  return { ...ctx.stats.restRequests };
}

export const handleRest: RouteHandler = async (req, res, url, ctx) => {
  if (!url.pathname.startsWith(`${PREFIX}/`)) {
    return handleLegacyPage(req, res, url, ctx);
  }
  const switches = ctx.switches;
  const method = req.method ?? 'GET';
  const route = matchRoute(method, url.pathname.slice(PREFIX.length));
  // Counted before faults and authentication: tests assert how many requests a client really sent.
  const template = route?.template ?? 'unknown';
  ctx.stats.restRequests[template] = (ctx.stats.restRequests[template] ?? 0) + 1;
  const faultApplies = switches.restFaultPath === '' || url.pathname.includes(switches.restFaultPath);

  if (faultApplies && switches.restFailCount > 0) {
    switches.restFailCount--;
    const headers: Record<string, string> = {};
    if ((switches.restFailStatus === 429 || switches.restFailStatus === 503) && switches.restRetryAfterSeconds >= 0) {
      headers['retry-after'] = String(switches.restRetryAfterSeconds);
    }
    send(res, switches.restFailStatus, '', headers);
    return true;
  }
  if (faultApplies && switches.restFaultMode === 'error500') {
    send(res, 500, SERVER_ERROR_PAGE, { 'content-type': 'text/html; charset=utf-8' });
    return true;
  }

  const principal = await ctx.authenticate(req);
  if (!principal || tokenUsedUp(req, ctx, switches)) {
    send(res, 401, '');
    return true;
  }
  if (!principal.scopes.includes('api')) {
    send(res, 403, '');
    return true;
  }
  if (!route) {
    apiError(res, 404, 'NotFound', `No API route matches ${url.pathname}.`);
    return true;
  }
  if (!route.handle) {
    apiError(res, 405, 'MethodNotAllowed', `${method} is not supported on ${url.pathname}.`);
    return true;
  }
  const request: RestRequest = { req, res, url, ctx, principal, switches, catalog: stateOf(ctx).catalog, faultApplies, id: route.id };
  await route.handle(request);
  return true;
};

/** Counts this token's REST uses; true once it is past `restTokenRequestLimit` (it then acts expired). */
function tokenUsedUp(req: IncomingMessage, ctx: DevContext, switches: Switches): boolean {
  if (switches.restTokenRequestLimit <= 0) {
    return false;
  }
  const key = sha256Hex(bearerTokenOf(req) ?? '');
  const uses = stateOf(ctx).tokenUses;
  const count = (uses.get(key) ?? 0) + 1;
  uses.set(key, count);
  return count > switches.restTokenRequestLimit;
}
