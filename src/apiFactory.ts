// The one place the exported PanoptoApi object (version 2) is built (see src/api.ts and the README's
// "For extension authors"). Each area hands in its part. The methods check their arguments, return
// the contract's camelCase shapes (never Panopto's JSON, never extra fields, never a token) and
// reject with an Error a user can read: the services' typed errors (not signed in, no permission,
// not found, bad input) pass through as they are.
import type { Folder, PanoptoApi, Session, SessionDetails } from './api';
import type { FolderService } from './panopto/folders';
import type { SessionService } from './panopto/sessions';
import { PanoptoInputError } from './panopto/inputError';
import type { FolderInfo } from './panopto/wire';
import { compact } from './util/compact';

/** The exported API's exact contract shape (no extra fields leak to other extensions). */
function toApiFolder(folder: FolderInfo): Folder {
  return compact({ id: folder.id, name: folder.name, description: folder.description, parentId: folder.parentId, url: folder.url });
}

function toApiSession(session: Session): Session {
  return compact({
    id: session.id,
    name: session.name,
    folderId: session.folderId,
    viewerUrl: session.viewerUrl,
    thumbnailUrl: session.thumbnailUrl,
    startTime: session.startTime,
    durationSeconds: session.durationSeconds,
  });
}

function toApiSessionDetails(details: SessionDetails): SessionDetails {
  return compact({
    ...toApiSession(details),
    description: details.description,
    folderName: details.folderName,
    embedUrl: details.embedUrl,
    editorUrl: details.editorUrl,
    shareSettingsUrl: details.shareSettingsUrl,
    captionDownloadUrl: details.captionDownloadUrl,
  });
}

export interface ApiParts {
  onDidChangeSessions: PanoptoApi['onDidChangeSessions'];
  folders: FolderService;
  sessions: SessionService;
  upload: PanoptoApi['upload'];
}

function requireString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PanoptoInputError(`Panopto API: ${name} must be a non-empty string.`);
  }
}

function optionalString(value: unknown, name: string): asserts value is string | undefined {
  if (value !== undefined) requireString(value, name);
}

/** A changes or options object with only the given string fields (each optional). */
function requireFields<K extends string>(
  value: unknown,
  name: string,
  keys: readonly K[],
  { optional = false, allowEmpty = [] }: { optional?: boolean; allowEmpty?: readonly K[] } = {},
): Partial<Record<K, string>> {
  if (value === undefined && optional) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PanoptoInputError(`Panopto API: ${name} must be an object.`);
  }
  const fields = value as Record<string, unknown>;
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const field = fields[key];
    if (field === undefined) continue;
    const emptyAllowed = allowEmpty.includes(key);
    if (typeof field !== 'string' || (!emptyAllowed && field.trim() === '')) {
      throw new PanoptoInputError(`Panopto API: ${name}.${key} must be ${emptyAllowed ? 'a string' : 'a non-empty string'}.`);
    }
    out[key] = field;
  }
  return out;
}

/** Whatever a call throws reaches the caller as an Error. */
async function readable<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof Error ? error : new Error(String(error));
  }
}

export function createPanoptoApi(parts: ApiParts): PanoptoApi {
  const { folders, sessions } = parts;
  return Object.freeze({
    apiVersion: 2 as const,
    onDidChangeSessions: parts.onDidChangeSessions,

    listFolders: (parentId?: string): Promise<Folder[]> =>
      readable(async () => {
        optionalString(parentId, 'parentId');
        return (await folders.listFolders(parentId)).map(toApiFolder);
      }),
    searchFolders: (query: string): Promise<Folder[]> =>
      readable(async () => {
        requireString(query, 'query');
        return (await folders.searchFolders(query)).map(toApiFolder);
      }),
    createFolder: (name: string, parentId?: string): Promise<Folder> =>
      readable(async () => {
        requireString(name, 'name');
        optionalString(parentId, 'parentId');
        return toApiFolder(await folders.createFolder(name, parentId));
      }),
    updateFolder: (id: string, changes: { name?: string; description?: string; parentId?: string }): Promise<Folder> =>
      readable(async () => {
        requireString(id, 'id');
        const checked = requireFields(changes, 'changes', ['name', 'description', 'parentId'], { allowEmpty: ['description'] });
        return toApiFolder(await folders.updateFolder(id, checked));
      }),
    deleteFolder: (id: string): Promise<void> =>
      readable(async () => {
        requireString(id, 'id');
        await folders.deleteFolder(id);
      }),

    listSessions: (folderId: string): Promise<Session[]> =>
      readable(async () => {
        requireString(folderId, 'folderId');
        return (await sessions.listSessions(folderId)).map(toApiSession);
      }),
    searchSessions: (query: string, options?: { folderId?: string }): Promise<Session[]> =>
      readable(async () => {
        requireString(query, 'query');
        const { folderId } = requireFields(options, 'options', ['folderId'], { optional: true });
        return (await sessions.searchSessions(query, { folderId })).map(toApiSession);
      }),
    getSessionDetails: (id: string): Promise<SessionDetails> =>
      readable(async () => {
        requireString(id, 'id');
        return toApiSessionDetails(await sessions.getSessionDetails(id));
      }),
    updateSession: (id: string, changes: { name?: string; description?: string; folderId?: string }): Promise<SessionDetails> =>
      readable(async () => {
        requireString(id, 'id');
        const checked = requireFields(changes, 'changes', ['name', 'description', 'folderId'], { allowEmpty: ['description'] });
        return toApiSessionDetails(await sessions.updateSession(id, checked));
      }),
    deleteSession: (id: string): Promise<void> =>
      readable(async () => {
        requireString(id, 'id');
        await sessions.deleteSession(id);
      }),

    upload: parts.upload,
  });
}
