// Session search (docs/panopto.md#search):
//   GET /sessions/search?searchQuery=&includeFields=Context   every session the caller may see
//   GET /folders/{id}/sessions/search?searchQuery=            the sessions of one folder
// A session matches when its name, its description or a caption line contains the query, ignoring
// case and accents (captions: switch restSearchCaptions, on by default, since an integrator,
// github.com/comppolicylab/pingpong, describes the search as covering "captions, titles, descriptions").
// With includeFields=Context each result lists its matching caption lines as Context {Text, Time
// (seconds), ThumbnailUrl}; otherwise Context is null.
// Relevance ranks name matches first, then description, then captions.
import type { SeedSession } from './catalog';
import { parseCaptions, type Cue } from './captionFormats';
import { apiError, type RestRequest } from './http';
import { byName, fold, page, requiredQuery, sortParams, sortSessions, type Sort } from './listing';
import { pathFolderSessions } from './lookup';
import { sessionJson, thumbnailUrl } from './shapes';

const SORT_FIELDS = ['Name', 'CreatedDate', 'Relevance'];

interface Hit {
  session: SeedSession;
  /** 0 name, 1 description, 2 captions only. */
  rank: number;
  cues: Cue[];
}

function matchingCues(session: SeedSession, needle: string): Cue[] {
  const cues = (session.captions ?? []).flatMap((track) => parseCaptions(track.text) ?? []);
  return cues.filter((cue) => fold(cue.text).includes(needle));
}

function hitsOf(r: RestRequest, sessions: SeedSession[], query: string): Hit[] {
  const needle = fold(query);
  const hits: Hit[] = [];
  for (const session of sessions) {
    const cues = r.switches.restSearchCaptions ? matchingCues(session, needle) : [];
    const rank = fold(session.name).includes(needle) ? 0 : fold(session.description ?? '').includes(needle) ? 1 : cues.length > 0 ? 2 : -1;
    if (rank >= 0) hits.push({ session, rank, cues });
  }
  return hits;
}

function sorted(hits: Hit[], sort: Sort): Hit[] {
  if (sort.field !== 'Relevance') {
    const bySession = new Map(hits.map((h) => [h.session, h]));
    return sortSessions([...bySession.keys()], sort.field, sort.order).map((s) => bySession.get(s)!);
  }
  const sign = sort.order === 'Asc' ? 1 : -1;
  return [...hits].sort((a, b) => sign * (a.rank - b.rank || byName(a.session, b.session)));
}

/** includeFields: a comma list; 'Context' is the only field Panopto offers. */
function wantsContext(r: RestRequest): boolean | undefined {
  const fields = (r.url.searchParams.get('includeFields') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = fields.find((f) => f.toLowerCase() !== 'context');
  if (unknown) {
    apiError(r.res, 400, 'InvalidArgument', `includeFields '${unknown}' is not valid; only Context is.`);
    return undefined;
  }
  return fields.length > 0;
}

export function searchSessions(r: RestRequest): void {
  const query = requiredQuery(r);
  if (query === undefined) return;
  const context = wantsContext(r);
  if (context === undefined) return;
  const sort = sortParams(r, SORT_FIELDS, 'Name');
  if (!sort) return;
  const visible = [...r.catalog.sessions.values()].filter((s) => {
    const folder = r.catalog.folders.get(s.folderId);
    return folder !== undefined && r.catalog.canSee(r.principal.userName, folder);
  });
  page(r, sorted(hitsOf(r, visible, query), sort), ({ session, cues }) => {
    const shaped = sessionJson(r, session, 'search');
    if (!context) return shaped;
    const thumbnail = thumbnailUrl(r.ctx.baseUrl, session.id);
    return { ...shaped, Context: cues.map((cue) => ({ Text: cue.text.replace(/\n/g, ' '), Time: cue.start, ThumbnailUrl: thumbnail })) };
  });
}

export function searchFolderSessions(r: RestRequest): void {
  const query = requiredQuery(r);
  if (query === undefined) return;
  const sort = sortParams(r, SORT_FIELDS, 'Name');
  if (!sort) return;
  const sessions = pathFolderSessions(r);
  if (!sessions) return;
  page(r, sorted(hitsOf(r, sessions, query), sort), ({ session }) => sessionJson(r, session, 'list'));
}
