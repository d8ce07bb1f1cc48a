// REST API v1 of the dev server: folders and sessions, exactly as panopto-api.md §4 describes them.
// - GET /Panopto/api/v1/folders/{id}              Folder | 403 (not visible) | 404 APIError
// - GET /Panopto/api/v1/folders/{id}/children     ListResponseOfFolder (zero GUID = top level)
// - GET /Panopto/api/v1/folders/search            ListResponseOfFolder (searchQuery required)
// - GET /Panopto/api/v1/folders/{id}/sessions     ListResponseOfSession (CreatedBy omitted, Urls only ViewerUrl)
// - GET /Panopto/api/v1/folders/{id}/sessions/search
// - GET /Panopto/api/v1/sessions/{id}             Session (full Urls, CreatedBy)
// Paging: 0-based pageNumber, `pageSize` items per page, an empty Results past the end.
// Errors: 401 empty body (missing/invalid/expired token), 403 empty body (no permission),
// 400/404 with {"Error":{"ErrorCode","Message","Success":false}}.
// Fault switches (REST section of devserver/switches.ts) are applied here; see devserver/README.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerTokenOf, sha256Hex, type DevContext, type DevPrincipal, type RouteHandler } from './context';
import type { Switches } from './switches';
import { FolderCatalog, ZERO_GUID, seedCatalog, type SeedFolder, type SeedSession } from './seedFolders';

const PREFIX = '/Panopto/api/v1';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RestState {
  catalog: FolderCatalog;
  /** sha256(token) → REST requests served with it (for restTokenRequestLimit). */
  tokenUses: Map<string, number>;
}

// One state per dev server. DevContext's `stats` object lives as long as its server, so it keys the state.
const states = new WeakMap<object, RestState>();

function stateOf(ctx: Pick<DevContext, 'stats'>): RestState {
  let state = states.get(ctx.stats);
  if (!state) {
    state = { catalog: seedCatalog(), tokenUses: new Map() };
    states.set(ctx.stats, state);
  }
  return state;
}

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
    return false;
  }
  const switches = ctx.switches;
  const path = url.pathname.slice(PREFIX.length);
  const state = stateOf(ctx);
  const route = matchRoute(path);
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
  if (req.method !== 'GET') {
    apiError(res, 405, 'MethodNotAllowed', `${req.method ?? ''} is not supported on ${url.pathname} by the dev server.`);
    return true;
  }

  if (!route) {
    apiError(res, 404, 'NotFound', `No API route matches ${url.pathname}.`);
    return true;
  }
  const request: RestRequest = { url, ctx, principal, switches, catalog: state.catalog, res, faultApplies };
  route.handle(request, route.id);
  return true;
};

interface RestRequest {
  url: URL;
  ctx: DevContext;
  principal: DevPrincipal;
  switches: Switches;
  catalog: FolderCatalog;
  res: ServerResponse;
  faultApplies: boolean;
}

interface MatchedRoute {
  template: string;
  id: string;
  handle: (r: RestRequest, id: string) => void;
}

function matchRoute(path: string): MatchedRoute | undefined {
  let m: RegExpExecArray | null;
  if (path === '/folders/search') {
    return { template: 'GET /folders/search', id: '', handle: searchFolders };
  }
  if ((m = /^\/folders\/([^/]+)\/children$/.exec(path))) {
    return { template: 'GET /folders/{id}/children', id: m[1]!, handle: folderChildren };
  }
  if ((m = /^\/folders\/([^/]+)\/sessions\/search$/.exec(path))) {
    return { template: 'GET /folders/{id}/sessions/search', id: m[1]!, handle: searchFolderSessions };
  }
  if ((m = /^\/folders\/([^/]+)\/sessions$/.exec(path))) {
    return { template: 'GET /folders/{id}/sessions', id: m[1]!, handle: folderSessions };
  }
  if ((m = /^\/folders\/([^/]+)$/.exec(path))) {
    return { template: 'GET /folders/{id}', id: m[1]!, handle: getFolder };
  }
  if ((m = /^\/sessions\/([^/]+)$/.exec(path))) {
    return { template: 'GET /sessions/{id}', id: m[1]!, handle: getSession };
  }
  return undefined;
}

// ---- handlers

function getFolder(r: RestRequest, rawId: string): void {
  const folder = visibleFolder(r, rawId);
  if (folder) {
    json(r, 200, folderJson(r, folder));
  }
}

function folderChildren(r: RestRequest, rawId: string): void {
  const sort = sortParams(r, ['Name'], 'Name');
  if (!sort) return;
  const id = rawId.toLowerCase();
  let children: SeedFolder[];
  if (id === ZERO_GUID) {
    children = r.catalog.childrenOf(null);
  } else {
    const parent = visibleFolder(r, rawId);
    if (!parent) return;
    children = r.catalog.childrenOf(parent.id);
  }
  const visible = children.filter((f) => r.catalog.canSee(r.principal.userName, f));
  page(r, sortFolders(visible, sort.order), (f) => folderJson(r, f));
}

function searchFolders(r: RestRequest): void {
  const query = requiredQuery(r);
  if (query === undefined) return;
  const sort = sortParams(r, ['Relevance', 'Name'], 'Relevance');
  if (!sort) return;
  const needle = fold(query);
  const hits = [...r.catalog.folders.values()].filter(
    (f) => r.catalog.canSee(r.principal.userName, f) && fold(f.name).includes(needle),
  );
  const sorted = sort.field === 'Relevance' ? byRelevance(hits, needle, sort.order) : sortFolders(hits, sort.order);
  page(r, sorted, (f) => folderJson(r, f));
}

function folderSessions(r: RestRequest, rawId: string): void {
  const sort = sortParams(r, ['Name', 'CreatedDate', 'Relevance'], 'Name');
  if (!sort) return;
  const sessions = sessionsOfVisibleFolder(r, rawId);
  if (!sessions) return;
  page(r, sortSessions(sessions, sort.field, sort.order), (s) => sessionJson(r, s, false));
}

function searchFolderSessions(r: RestRequest, rawId: string): void {
  const query = requiredQuery(r);
  if (query === undefined) return;
  const sort = sortParams(r, ['Relevance', 'Name', 'CreatedDate'], 'Relevance');
  if (!sort) return;
  const sessions = sessionsOfVisibleFolder(r, rawId);
  if (!sessions) return;
  const needle = fold(query);
  const hits = sessions.filter((s) => fold(s.name).includes(needle));
  page(r, sortSessions(hits, sort.field === 'Relevance' ? 'Name' : sort.field, sort.order), (s) => sessionJson(r, s, false));
}

function getSession(r: RestRequest, rawId: string): void {
  if (!GUID.test(rawId)) {
    apiError(r.res, 400, 'InvalidArgument', `'${rawId}' is not a valid session id.`);
    return;
  }
  const session = r.catalog.sessions.get(rawId.toLowerCase());
  if (!session) {
    apiError(r.res, 404, 'NotFound', `Session ${rawId} was not found.`);
    return;
  }
  const folder = r.catalog.folders.get(session.folderId);
  if (!folder || !r.catalog.canSee(r.principal.userName, folder)) {
    send(r.res, 403, '');
    return;
  }
  json(r, 200, sessionJson(r, session, true));
}

// ---- helpers

/** The folder, or an answer already sent (400 bad id, 404 unknown, including the zero GUID, 403 not visible). */
function visibleFolder(r: RestRequest, rawId: string): SeedFolder | undefined {
  if (!GUID.test(rawId)) {
    apiError(r.res, 400, 'InvalidArgument', `'${rawId}' is not a valid folder id.`);
    return undefined;
  }
  const id = rawId.toLowerCase();
  const folder = r.catalog.folders.get(id);
  if (!folder) {
    apiError(r.res, 404, 'NotFound', `Folder ${rawId} was not found.`);
    return undefined;
  }
  if (!r.catalog.canSee(r.principal.userName, folder)) {
    send(r.res, 403, '');
    return undefined;
  }
  return folder;
}

function sessionsOfVisibleFolder(r: RestRequest, rawId: string): SeedSession[] | undefined {
  if (rawId.toLowerCase() === ZERO_GUID) {
    return [];
  }
  const folder = visibleFolder(r, rawId);
  return folder ? r.catalog.sessionsIn(folder.id) : undefined;
}

function requiredQuery(r: RestRequest): string | undefined {
  const query = r.url.searchParams.get('searchQuery');
  if (query === null || query.trim() === '') {
    apiError(r.res, 400, 'InvalidArgument', 'The searchQuery parameter is required.');
    return undefined;
  }
  return query.trim();
}

type SortOrder = 'Asc' | 'Desc';

function sortParams(r: RestRequest, fields: string[], defaultField: string): { field: string; order: SortOrder } | undefined {
  const field = r.url.searchParams.get('sortField') ?? defaultField;
  const order = r.url.searchParams.get('sortOrder') ?? 'Asc';
  if (!fields.includes(field)) {
    apiError(r.res, 400, 'InvalidArgument', `sortField '${field}' is not valid here; use ${fields.join(' or ')}.`);
    return undefined;
  }
  if (order !== 'Asc' && order !== 'Desc') {
    apiError(r.res, 400, 'InvalidArgument', `sortOrder '${order}' is not valid; use Asc or Desc.`);
    return undefined;
  }
  return { field, order };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: false });

function sortFolders(folders: SeedFolder[], order: SortOrder): SeedFolder[] {
  const sign = order === 'Asc' ? 1 : -1;
  return [...folders].sort((a, b) => sign * (collator.compare(a.name, b.name) || a.id.localeCompare(b.id)));
}

function sortSessions(sessions: SeedSession[], field: string, order: SortOrder): SeedSession[] {
  const sign = order === 'Asc' ? 1 : -1;
  return [...sessions].sort((a, b) => {
    const primary = field === 'CreatedDate' ? a.startTime.localeCompare(b.startTime) : collator.compare(a.name, b.name);
    return sign * (primary || a.id.localeCompare(b.id));
  });
}

/** Relevance: names starting with the query first, then earlier matches, then by name. */
function byRelevance(folders: SeedFolder[], needle: string, order: SortOrder): SeedFolder[] {
  const sign = order === 'Asc' ? 1 : -1;
  return [...folders].sort(
    (a, b) => sign * (fold(a.name).indexOf(needle) - fold(b.name).indexOf(needle) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id)),
  );
}

/** Case- and accent-insensitive form for matching ("etudes" finds "Études"). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function page<T>(r: RestRequest, items: T[], toJson: (item: T) => unknown): void {
  const raw = r.url.searchParams.get('pageNumber') ?? '0';
  if (!/^\d+$/.test(raw)) {
    apiError(r.res, 400, 'InvalidArgument', `pageNumber '${raw}' is not a non-negative integer.`);
    return;
  }
  const size = Math.max(1, r.switches.pageSize);
  let pageNumber = Number(raw);
  if (r.faultApplies && r.switches.restFaultMode === 'endlessPaging' && pageNumber * size >= items.length && items.length > 0) {
    pageNumber = 0;
  }
  const results = items.slice(pageNumber * size, (pageNumber + 1) * size).map(toJson);
  if (r.faultApplies && r.switches.restFaultMode === 'bareArray') {
    json(r, 200, results);
    return;
  }
  json(r, 200, { Results: results });
}

function folderUrls(baseUrl: string, id: string) {
  return {
    FolderUrl: `${baseUrl}/Panopto/Pages/Sessions/List.aspx#folderID=%22${id}%22`,
    EmbedUrl: `${baseUrl}/Panopto/Pages/Embed.aspx?folderID=${id}`,
    ShareSettingsUrl: null,
  };
}

function folderJson(r: RestRequest, folder: SeedFolder) {
  const parent = folder.parentId ? r.catalog.folders.get(folder.parentId) : undefined;
  return {
    Id: folder.id,
    Name: folder.name,
    Description: folder.description,
    ParentFolder: parent ? { Id: parent.id, Name: parent.name } : null,
    Urls: folderUrls(r.ctx.baseUrl, folder.id),
  };
}

function sessionJson(r: RestRequest, session: SeedSession, full: boolean) {
  const base = r.ctx.baseUrl;
  const folder = r.catalog.folders.get(session.folderId);
  const viewerUrl = `${base}/Panopto/Pages/Viewer.aspx?id=${session.id}`;
  const common = {
    Id: session.id,
    Name: session.name,
    Description: session.description,
    StartTime: session.startTime,
    Duration: session.durationSeconds,
    MostRecentViewPosition: null,
    PercentCompleted: 0,
    Folder: session.folderId,
    FolderDetails: folder ? { Id: folder.id, Name: folder.name } : null,
    Context: null,
  };
  if (!full) {
    // A folder's session list omits CreatedBy and every Url except ViewerUrl (§4.2).
    return { ...common, Urls: { ViewerUrl: viewerUrl } };
  }
  return {
    ...common,
    CreatedBy: { Id: session.createdBy.id, Username: session.createdBy.userName },
    Urls: {
      ViewerUrl: viewerUrl,
      EmbedUrl: `${base}/Panopto/Pages/Embed.aspx?id=${session.id}`,
      ShareSettingsUrl: null,
      DownloadUrl: null,
      AudioDescriptionDownloadUrl: null,
      CaptionDownloadUrl: `${base}/Panopto/Pages/Transcription/GenerateSRT.ashx?id=${session.id}`,
      EditorUrl: null,
      ThumbnailUrl: `${base}/Panopto/Services/FrameGrabber.svc/FrameRedirect?objectId=${session.id}`,
    },
  };
}

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

function json(r: RestRequest, status: number, body: unknown): void {
  if (r.faultApplies && r.switches.restFaultMode === 'malformedJson') {
    const text = JSON.stringify(body);
    send(r.res, status, text.slice(0, Math.max(1, Math.floor(text.length / 2))), { 'content-type': 'application/json; charset=utf-8' });
    return;
  }
  if (r.faultApplies && r.switches.restFaultMode === 'html') {
    send(r.res, 200, SIGN_IN_PAGE, { 'content-type': 'text/html; charset=utf-8' });
    return;
  }
  send(r.res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8' });
}

function apiError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ Error: { ErrorCode: code, Message: message, Success: false } }), {
    'content-type': 'application/json; charset=utf-8',
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
  res.end(body);
}

const SERVER_ERROR_PAGE = `<!DOCTYPE html>
<html><head><title>Runtime Error</title></head>
<body><h1>Server Error in '/Panopto' Application.</h1><h2><i>Runtime Error</i></h2>
<p>An application error occurred on the server.</p></body></html>`;

const SIGN_IN_PAGE = `<!DOCTYPE html>
<html><head><title>Sign in - Panopto</title></head>
<body><form method="post" action="/Panopto/Pages/Auth/Login.aspx"><input name="username"><input type="password" name="password"></form></body></html>`;
