// REST v1 sessions (docs/panopto.md#reading-folders-and-sessions,
// #changing-folders-and-sessions):
//   GET    /folders/{id}/sessions   ListResponseOfSession (no CreatedBy, Urls only ViewerUrl)
//   GET    /sessions/{id}           Session (CreatedBy, every Urls key; see shapes.ts for who gets which)
//   PUT    /sessions/{id}           SessionUpdate {Name, Description, Folder} → Session; Folder moves it
//   DELETE /sessions/{id}           → 200 "{id}"
// Changes need the Creator role on the session's folder (and on the folder it moves to).
import { parseChangeBody } from './bodies';
import { apiError, changeDenied, json, readJsonObject, type RestRequest } from './http';
import { page, sortParams, sortSessions } from './listing';
import { canChangeOrSee, existingSession, pathFolderSessions, visibleSession } from './lookup';
import { sessionJson } from './shapes';

export function folderSessions(r: RestRequest): void {
  const sort = sortParams(r, ['Name', 'CreatedDate', 'Relevance'], 'Name');
  if (!sort) return;
  const sessions = pathFolderSessions(r);
  if (!sessions) return;
  page(r, sortSessions(sessions, sort.field, sort.order), (s) => sessionJson(r, s, 'list'));
}

export function getSession(r: RestRequest): void {
  const session = visibleSession(r, r.id);
  if (session) json(r, 200, sessionJson(r, session, 'full'));
}

export async function updateSession(r: RestRequest): Promise<void> {
  const session = existingSession(r, r.id);
  if (!session) return;
  const body = await readJsonObject(r);
  if (!body) return;
  const parsed = parseChangeBody(body, 'Folder', false);
  if (!parsed.ok) {
    apiError(r.res, 400, 'InvalidArgument', parsed.message);
    return;
  }
  const { name, description, target } = parsed.value;
  const destination = target === undefined ? undefined : r.catalog.folders.get(target);
  if (target !== undefined && !destination) {
    apiError(r.res, 400, 'InvalidArgument', `Folder ${target} does not exist.`);
    return;
  }
  if (!canChangeOrSee(r, session).change) {
    changeDenied(r, `change session ${session.id}`);
    return;
  }
  if (destination && !r.catalog.canChange(r.principal.userName, destination)) {
    changeDenied(r, `move sessions into folder ${destination.id}`);
    return;
  }
  if (name !== undefined) session.name = name;
  if (description !== undefined) session.description = description;
  if (destination) session.folderId = destination.id;
  json(r, 200, sessionJson(r, session, 'full'));
}

export function deleteSession(r: RestRequest): void {
  const session = existingSession(r, r.id);
  if (!session) return;
  if (!canChangeOrSee(r, session).change) {
    changeDenied(r, `delete session ${session.id}`);
    return;
  }
  r.catalog.sessions.delete(session.id);
  json(r, 200, session.id);
}
