// The one place the exported PanoptoApi object is built (its shape is the public contract in src/api.ts).
// Each area hands in its part; the folder methods return the contract's camelCase shapes, never
// Panopto's JSON and never extra fields, and reject with a clear Error (never a raw response).
import type { PanoptoApi } from './api';
import type { FolderService } from './panopto/folders';
import { toApiFolder, toApiSession } from './panopto/wire';

export interface ApiParts {
  getSession: PanoptoApi['getSession'];
  onDidChangeSessions: PanoptoApi['onDidChangeSessions'];
  folders: FolderService;
  upload: PanoptoApi['upload'];
}

function requireString(value: unknown, name: string, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`Panopto API: ${name} must be a non-empty string.`);
  }
}

export function createPanoptoApi(parts: ApiParts): PanoptoApi {
  const { folders } = parts;
  return Object.freeze({
    apiVersion: 1 as const,
    getSession: parts.getSession,
    onDidChangeSessions: parts.onDidChangeSessions,
    async listFolders(parentId?: string) {
      requireString(parentId, 'parentId', true);
      return (await folders.listFolders(parentId)).map(toApiFolder);
    },
    async searchFolders(query: string) {
      requireString(query, 'query');
      return (await folders.searchFolders(query)).map(toApiFolder);
    },
    async listSessions(folderId: string) {
      requireString(folderId, 'folderId');
      return (await folders.listSessions(folderId)).map(toApiSession);
    },
    upload: parts.upload,
  });
}
