// Folders over REST v1 (docs/panopto.md#rest-v1-folders-and-sessions, #changing-folders-and-sessions):
// the calls the tree and the exported API make, returning camelCase shapes. Paging and retries live
// in the client; Panopto's field names live in wire.ts. Every id is checked as a GUID before it goes
// into a path, and every URL in an answer is kept only when it is on the signed-in site.
import * as l10n from '@vscode/l10n';
import { API_V1, type PanoptoClient } from './client';
import { explainFailure, PanoptoInputError, type PermissionAction } from './serviceErrors';
import {
  deletedAnswerSchema,
  panoptoId,
  ROOT_FOLDER_ID,
  toFolderInfo,
  toSessionInfo,
  wireFolderSchema,
  wireSessionSchema,
  withSiteUrls,
  type FolderInfo,
  type SessionInfo,
} from './wire';

export interface FolderListOptions {
  /** Only folders where the signed-in user may create (upload and move targets). */
  canCreate?: boolean;
}

export interface FolderChanges {
  name?: string;
  description?: string;
  /** The folder to move it into; `ROOT_FOLDER_ID` moves it to the top level. */
  parentId?: string;
}

/** A new or changed name: trimmed, not empty. */
export function requiredName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed) {
    throw new PanoptoInputError(l10n.t('A name is required.'));
  }
  return trimmed;
}

export function descriptionText(description: unknown): string {
  if (typeof description !== 'string') {
    throw new PanoptoInputError(l10n.t('A description must be text.'));
  }
  return description;
}

export class FolderService {
  constructor(private readonly client: PanoptoClient) {}

  /** The most pages a list may have before the client gives up (for callers that page themselves). */
  get pageLimit(): number {
    return this.client.pageLimit;
  }

  /** One page (0-based) of a folder's subfolders; the top level when parentId is undefined. */
  async childFoldersPage(
    parentId: string | undefined,
    pageNumber: number,
    signal?: AbortSignal,
    options: FolderListOptions = {},
  ): Promise<FolderInfo[]> {
    const path = this.childrenPath(parentId);
    const [site, page] = await Promise.all([
      this.client.site(),
      this.client.getPage(path, wireFolderSchema(), pageNumber, { sortField: 'Name', sortOrder: 'Asc', ...canCreate(options) }, signal),
    ]);
    return page.map((f) => withSiteUrls(toFolderInfo(f), site));
  }

  /** One page (0-based) of a folder's sessions. */
  async sessionsPage(folderId: string, pageNumber: number, signal?: AbortSignal): Promise<SessionInfo[]> {
    const path = this.sessionsPath(folderId);
    const [site, page] = await Promise.all([
      this.client.site(),
      this.client.getPage(path, wireSessionSchema(), pageNumber, { sortField: 'Name', sortOrder: 'Asc' }, signal),
    ]);
    return page.map((s) => withSiteUrls(toSessionInfo(s), site));
  }

  /** Every subfolder (all pages); the top level when parentId is undefined. */
  async listFolders(parentId?: string, signal?: AbortSignal, options: FolderListOptions = {}): Promise<FolderInfo[]> {
    const path = this.childrenPath(parentId);
    const all = await this.client.getAllPages(
      path,
      wireFolderSchema(),
      { sortField: 'Name', sortOrder: 'Asc', ...canCreate(options) },
      signal,
    );
    const site = await this.client.site();
    return all.map((f) => withSiteUrls(toFolderInfo(f), site));
  }

  async searchFolders(query: string, signal?: AbortSignal, options: FolderListOptions = {}): Promise<FolderInfo[]> {
    const searchQuery = typeof query === 'string' ? query.trim() : '';
    if (!searchQuery) {
      throw new PanoptoInputError(l10n.t('Type part of a folder name to search for.'));
    }
    const all = await this.client.getAllPages(
      `${API_V1}/folders/search`,
      wireFolderSchema(),
      { searchQuery, ...canCreate(options) },
      signal,
    );
    const site = await this.client.site();
    return all.map((f) => withSiteUrls(toFolderInfo(f), site));
  }

  async listSessions(folderId: string, signal?: AbortSignal): Promise<SessionInfo[]> {
    const path = this.sessionsPath(folderId);
    const all = await this.client.getAllPages(path, wireSessionSchema(), { sortField: 'Name', sortOrder: 'Asc' }, signal);
    const site = await this.client.site();
    return all.map((s) => withSiteUrls(toSessionInfo(s), site));
  }

  async getFolder(folderId: string, signal?: AbortSignal): Promise<FolderInfo> {
    const wire = await this.client.requestJson({
      path: `${API_V1}/folders/${panoptoId(folderId, 'folder')}`,
      schema: wireFolderSchema(),
      endpoint: `GET ${API_V1}/folders/{id}`,
      signal,
    });
    return withSiteUrls(toFolderInfo(wire), await this.client.site());
  }

  /** A session as a folder listing shows it; SessionService.getSessionDetails has every URL. */
  async getSession(sessionId: string, signal?: AbortSignal): Promise<SessionInfo> {
    const wire = await this.client.requestJson({
      path: `${API_V1}/sessions/${panoptoId(sessionId, 'session')}`,
      schema: wireSessionSchema(),
      endpoint: `GET ${API_V1}/sessions/{id}`,
      signal,
    });
    return withSiteUrls(toSessionInfo(wire), await this.client.site());
  }

  /** A new folder, at the top level when parentId is undefined (or ROOT_FOLDER_ID). */
  async createFolder(name: string, parentId?: string, options: { description?: string; signal?: AbortSignal } = {}): Promise<FolderInfo> {
    const body: Record<string, string> = { Name: requiredName(name) };
    const parent = parentId === undefined ? undefined : panoptoId(parentId, 'parent folder');
    if (parent !== undefined && parent !== ROOT_FOLDER_ID) body.Parent = parent;
    if (options.description !== undefined) body.Description = descriptionText(options.description);
    const site = await this.client.site();
    const topLevel = body.Parent === undefined;
    return this.change(
      {
        method: 'POST',
        path: `${API_V1}/folders`,
        endpoint: `POST ${API_V1}/folders`,
        body,
        signal: options.signal,
      },
      topLevel ? ROOT_FOLDER_ID : body.Parent,
      site,
      topLevel ? 'createTopLevel' : 'createIn',
    );
  }

  /** Renames, describes or moves a folder; only the given fields change. */
  async updateFolder(folderId: string, changes: FolderChanges, signal?: AbortSignal): Promise<FolderInfo> {
    const id = panoptoId(folderId, 'folder');
    const body: Record<string, string> = {};
    if (changes.name !== undefined) body.Name = requiredName(changes.name);
    if (changes.description !== undefined) body.Description = descriptionText(changes.description);
    if (changes.parentId !== undefined) body.Parent = panoptoId(changes.parentId, 'parent folder');
    if (Object.keys(body).length === 0) {
      throw new PanoptoInputError(l10n.t('Nothing to change: give a name, a description or a parent folder.'));
    }
    const site = await this.client.site();
    return this.change(
      { method: 'PUT', path: `${API_V1}/folders/${id}`, endpoint: `PUT ${API_V1}/folders/{id}`, body, signal },
      id,
      site,
      'change',
    );
  }

  /** Deletes a folder and everything in it, subfolders and recordings (Panopto's rule). */
  async deleteFolder(folderId: string, signal?: AbortSignal): Promise<void> {
    const id = panoptoId(folderId, 'folder');
    const site = await this.client.site();
    try {
      await this.client.requestJson({
        method: 'DELETE',
        path: `${API_V1}/folders/${id}`,
        endpoint: `DELETE ${API_V1}/folders/{id}`,
        schema: deletedAnswerSchema(),
        signal,
      });
    } catch (error) {
      throw await explainFailure(error, { what: 'folder', id, site, refusal: { action: 'change', targetName: () => this.nameOf(id) } });
    }
  }

  private async change(
    req: { method: 'POST' | 'PUT'; path: string; endpoint: string; body: Record<string, string>; signal?: AbortSignal },
    targetId: string,
    site: string,
    action: PermissionAction,
  ): Promise<FolderInfo> {
    try {
      const wire = await this.client.requestJson({ ...req, schema: wireFolderSchema() });
      return withSiteUrls(toFolderInfo(wire), site);
    } catch (error) {
      const targetName = () => (targetId === ROOT_FOLDER_ID ? Promise.resolve('') : this.nameOf(targetId));
      throw await explainFailure(error, { what: 'folder', id: targetId, site, refusal: { action, targetName } });
    }
  }

  /** A folder's name for a message; fails quietly into the caller's fallback. */
  private async nameOf(folderId: string): Promise<string> {
    return (await this.getFolder(folderId)).name;
  }

  private childrenPath(parentId: string | undefined): string {
    return `${API_V1}/folders/${parentId === undefined ? ROOT_FOLDER_ID : panoptoId(parentId, 'folder')}/children`;
  }

  private sessionsPath(folderId: string): string {
    return `${API_V1}/folders/${panoptoId(folderId, 'folder')}/sessions`;
  }
}

function canCreate(options: FolderListOptions): { canCreate?: boolean } {
  return options.canCreate ? { canCreate: true } : {};
}
