// The REST v1 route table: method, path (relative to /Panopto/api/v1, matched without regard to case
// as ASP.NET routes are) and handler. Templates name the routes in stats.restRequests.
import { deleteCaptions, uploadCaptions } from './captions';
import { createFolder, deleteFolder, folderChildren, getFolder, searchFolders, updateFolder } from './folders';
import type { RestRequest } from './http';
import { legacyLogin } from './legacyAuth';
import { searchFolderSessions, searchSessions } from './search';
import { deleteSession, folderSessions, getSession, updateSession } from './sessions';

type Handler = (r: RestRequest) => void | Promise<void>;

interface Route {
  /** e.g. '/folders/{id}/children'; `{id}` matches one path segment. */
  path: string;
  methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;
}

// More specific paths first: '/sessions/search' before '/sessions/{id}'.
const routes: Route[] = [
  { path: '/folders/search', methods: { GET: searchFolders } },
  { path: '/folders', methods: { POST: createFolder } },
  { path: '/folders/{id}/children', methods: { GET: folderChildren } },
  { path: '/folders/{id}/sessions/search', methods: { GET: searchFolderSessions } },
  { path: '/folders/{id}/sessions', methods: { GET: folderSessions } },
  { path: '/folders/{id}', methods: { GET: getFolder, PUT: updateFolder, DELETE: deleteFolder } },
  { path: '/sessions/search', methods: { GET: searchSessions } },
  { path: '/sessions/{id}/captions', methods: { POST: uploadCaptions, DELETE: deleteCaptions } },
  { path: '/sessions/{id}/captions/languages/{language}', methods: { DELETE: deleteCaptions } },
  { path: '/sessions/{id}', methods: { GET: getSession, PUT: updateSession, DELETE: deleteSession } },
  { path: '/auth/legacyLogin', methods: { GET: legacyLogin } },
];

const compiled = routes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`, 'i'),
}));

export interface MatchedRoute {
  /** e.g. 'PUT /sessions/{id}'. */
  template: string;
  id: string;
  /** undefined: the path exists but not for this method (405). */
  handle: Handler | undefined;
}

export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  for (const { route, pattern } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    const handle = route.methods[method as keyof Route['methods']];
    return { template: `${method} ${route.path}`, id: match[1] ?? '', handle };
  }
  return undefined;
}
