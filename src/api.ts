// The API this extension exports to other extensions (see README, "For extension authors").
// Its shapes are the public contract: camelCase, never Panopto's raw JSON, never a token of any kind.
import type * as vscode from 'vscode';

export interface Folder {
  id: string;
  name: string;
  description?: string;
  parentId?: string;
  url?: string;
}

/** A recording (a Panopto session). */
export interface Session {
  id: string;
  name: string;
  folderId: string;
  viewerUrl?: string;
  thumbnailUrl?: string;
  /** ISO 8601. */
  startTime?: string;
  durationSeconds?: number;
}

/** A recording with every link Panopto gives the signed-in user (absent: not allowed or none). */
export interface SessionDetails extends Session {
  description?: string;
  folderName?: string;
  embedUrl?: string;
  editorUrl?: string;
  shareSettingsUrl?: string;
  captionDownloadUrl?: string;
}

export interface UploadProgress {
  bytesSent: number;
  totalBytes: number;
}

export interface UploadOptions {
  title?: string;
  description?: string;
  onProgress?: (p: UploadProgress) => void;
  token?: vscode.CancellationToken;
}

export interface UploadResult {
  uploadId: string;
  sessionId?: string;
  state: 'complete' | 'processing' | 'failed' | 'cancelled';
  viewerUrl?: string;
  message?: string;
}

/**
 * What `activate()` returns (version 2). Every method acts as the signed-in account of the
 * configured site and rejects with an Error whose message a user can read: not signed in, no
 * permission, not found, bad input. Tokens are not part of it: an extension that needs one asks
 * `vscode.authentication.getSession('panopto', scopes)`, which VS Code guards with its per-extension
 * consent.
 */
export interface PanoptoApi {
  readonly apiVersion: 2;
  /** Fires when the sign-in state changes (sign-in, sign-out, another account). */
  readonly onDidChangeSessions: vscode.Event<void>;

  /** All pages; the top level when parentId is undefined. */
  listFolders(parentId?: string): Promise<Folder[]>;
  searchFolders(query: string): Promise<Folder[]>;
  /** At the top level when parentId is undefined. */
  createFolder(name: string, parentId?: string): Promise<Folder>;
  /** Only the given fields change; `parentId` moves it (the zero GUID: to the top level). */
  updateFolder(id: string, changes: { name?: string; description?: string; parentId?: string }): Promise<Folder>;
  /** Deletes the folder and everything in it, subfolders and recordings (Panopto's rule). */
  deleteFolder(id: string): Promise<void>;

  /** A folder's recordings, all pages. */
  listSessions(folderId: string): Promise<Session[]>;
  /** Recordings whose title, description or captions match, best first; in one folder with `folderId`. */
  searchSessions(query: string, options?: { folderId?: string }): Promise<Session[]>;
  getSessionDetails(id: string): Promise<SessionDetails>;
  /** Only the given fields change; `folderId` moves it. */
  updateSession(id: string, changes: { name?: string; description?: string; folderId?: string }): Promise<SessionDetails>;
  deleteSession(id: string): Promise<void>;

  upload(file: vscode.Uri, folderId: string, options?: UploadOptions): Promise<UploadResult>;
}
