// Finding the folder or session a request names, answering the error when there is none:
// 400 for a malformed GUID, 404 (APIError) for an unknown one. The zero GUID is "not the real folder"
// (docs/panopto.md#the-top-level), so it is unknown here too.
import { findUserById } from '../seedUsers';
import { ZERO_GUID, type SeedFolder, type SeedSession } from './catalog';
import { apiError, GUID, send, type RestRequest } from './http';

export function existingFolder(r: RestRequest, rawId: string): SeedFolder | undefined {
  if (!GUID.test(rawId)) {
    apiError(r.res, 400, 'InvalidArgument', `'${rawId}' is not a valid folder id.`);
    return undefined;
  }
  const folder = r.catalog.folders.get(rawId.toLowerCase());
  if (!folder) apiError(r.res, 404, 'NotFound', `Folder ${rawId} was not found.`);
  return folder;
}

/** A folder the caller may see; 403 with an empty body when she may not (a read; docs/panopto.md#errors). */
export function visibleFolder(r: RestRequest, rawId: string): SeedFolder | undefined {
  const folder = existingFolder(r, rawId);
  if (folder && !r.catalog.canSee(r.principal.userName, folder)) {
    send(r.res, 403, '');
    return undefined;
  }
  return folder;
}

/**
 * The recordings of the folder named in the path, for its listing and its search: none for the
 * all-zero id (the top level holds folders only), undefined when the folder is refused (answered).
 */
export function pathFolderSessions(r: RestRequest): SeedSession[] | undefined {
  if (r.id.toLowerCase() === ZERO_GUID) return [];
  const folder = visibleFolder(r, r.id);
  return folder && r.catalog.sessionsIn(folder.id);
}

export function existingSession(r: RestRequest, rawId: string): SeedSession | undefined {
  if (!GUID.test(rawId)) {
    apiError(r.res, 400, 'InvalidArgument', `'${rawId}' is not a valid session id.`);
    return undefined;
  }
  const session = r.catalog.sessions.get(rawId.toLowerCase());
  if (!session) apiError(r.res, 404, 'NotFound', `Session ${rawId} was not found.`);
  return session;
}

/** A session in a folder the caller may see; 403 empty otherwise. */
export function visibleSession(r: RestRequest, rawId: string): SeedSession | undefined {
  const session = existingSession(r, rawId);
  if (!session) return undefined;
  if (!canChangeOrSee(r, session).see) {
    send(r.res, 403, '');
    return undefined;
  }
  return session;
}

export function canChangeOrSee(r: RestRequest, session: SeedSession): { see: boolean; change: boolean } {
  const folder = r.catalog.folders.get(session.folderId);
  const role = folder ? r.catalog.roleOf(r.principal.userName, folder) : undefined;
  return { see: role !== undefined, change: role === 'creator' };
}

/** Who may create top-level folders is not documented; the restTopLevelFolderCreators switch decides. */
export function mayCreateTopLevel(r: RestRequest): boolean {
  switch (r.switches.restTopLevelFolderCreators) {
    case 'everyone':
      return true;
    case 'nobody':
      return false;
    default:
      return findUserById(r.principal.userId)?.role === 'instructor';
  }
}
