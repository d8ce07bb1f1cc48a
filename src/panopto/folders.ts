// Folders and sessions over REST v1 (docs/panopto.md#rest-v1-folders-and-sessions): the calls the tree and the exported API
// make, returning camelCase shapes. Paging and retries live in the client; Panopto's field names
// live in wire.ts.
import * as l10n from '@vscode/l10n';
import { API_V1, type PanoptoClient } from './client';
import {
  ROOT_FOLDER_ID,
  toFolderInfo,
  toSessionInfo,
  wireFolderSchema,
  wireSessionSchema,
  type FolderInfo,
  type SessionInfo,
} from './wire';

function segment(id: string, what: string): string {
  const trimmed = id.trim();
  if (!trimmed) {
    throw new TypeError(l10n.t('A {0} id is required.', what));
  }
  return encodeURIComponent(trimmed);
}

export class FolderService {
  constructor(private readonly client: PanoptoClient) {}

  /** The most pages a list may have before the client gives up (for callers that page themselves). */
  get pageLimit(): number {
    return this.client.pageLimit;
  }

  /** One page (0-based) of a folder's subfolders; the top level when parentId is undefined. */
  async childFoldersPage(parentId: string | undefined, pageNumber: number, signal?: AbortSignal): Promise<FolderInfo[]> {
    const page = await this.client.getPage(
      this.childrenPath(parentId),
      wireFolderSchema(),
      pageNumber,
      { sortField: 'Name', sortOrder: 'Asc' },
      signal,
    );
    return page.map(toFolderInfo);
  }

  /** One page (0-based) of a folder's sessions. */
  async sessionsPage(folderId: string, pageNumber: number, signal?: AbortSignal): Promise<SessionInfo[]> {
    const page = await this.client.getPage(
      this.sessionsPath(folderId),
      wireSessionSchema(),
      pageNumber,
      { sortField: 'Name', sortOrder: 'Asc' },
      signal,
    );
    return page.map(toSessionInfo);
  }

  /** Every subfolder (all pages); the top level when parentId is undefined. */
  async listFolders(parentId?: string, signal?: AbortSignal): Promise<FolderInfo[]> {
    const all = await this.client.getAllPages(
      this.childrenPath(parentId),
      wireFolderSchema(),
      { sortField: 'Name', sortOrder: 'Asc' },
      signal,
    );
    return all.map(toFolderInfo);
  }

  async searchFolders(query: string, signal?: AbortSignal): Promise<FolderInfo[]> {
    const searchQuery = query.trim();
    if (!searchQuery) {
      throw new TypeError(l10n.t('Type part of a folder name to search for.'));
    }
    const all = await this.client.getAllPages(`${API_V1}/folders/search`, wireFolderSchema(), { searchQuery }, signal);
    return all.map(toFolderInfo);
  }

  async listSessions(folderId: string, signal?: AbortSignal): Promise<SessionInfo[]> {
    const all = await this.client.getAllPages(
      this.sessionsPath(folderId),
      wireSessionSchema(),
      { sortField: 'Name', sortOrder: 'Asc' },
      signal,
    );
    return all.map(toSessionInfo);
  }

  async getFolder(folderId: string, signal?: AbortSignal): Promise<FolderInfo> {
    const wire = await this.client.requestJson({
      path: `${API_V1}/folders/${segment(folderId, 'folder')}`,
      schema: wireFolderSchema(),
      endpoint: `GET ${API_V1}/folders/{id}`,
      signal,
    });
    return toFolderInfo(wire);
  }

  async getSession(sessionId: string, signal?: AbortSignal): Promise<SessionInfo> {
    const wire = await this.client.requestJson({
      path: `${API_V1}/sessions/${segment(sessionId, 'session')}`,
      schema: wireSessionSchema(),
      endpoint: `GET ${API_V1}/sessions/{id}`,
      signal,
    });
    return toSessionInfo(wire);
  }

  private childrenPath(parentId: string | undefined): string {
    return `${API_V1}/folders/${parentId === undefined ? ROOT_FOLDER_ID : segment(parentId, 'folder')}/children`;
  }

  private sessionsPath(folderId: string): string {
    return `${API_V1}/folders/${segment(folderId, 'folder')}/sessions`;
  }
}
