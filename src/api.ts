// The API this extension exports to other extensions (see README, "For extension authors").
// Its shapes are the public contract: camelCase, never Panopto's raw JSON, never a refresh token.
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

export interface GetSessionOptions {
  createIfNone?: boolean;
  silent?: boolean;
  account?: vscode.AuthenticationSessionAccountInformation;
}

export interface PanoptoApi {
  readonly apiVersion: 1;
  getSession(options?: GetSessionOptions): Promise<vscode.AuthenticationSession | undefined>;
  /** All pages; the top level when parentId is undefined. */
  listFolders(parentId?: string): Promise<Folder[]>;
  searchFolders(query: string): Promise<Folder[]>;
  listSessions(folderId: string): Promise<Session[]>;
  upload(file: vscode.Uri, folderId: string, options?: UploadOptions): Promise<UploadResult>;
  readonly onDidChangeSessions: vscode.Event<void>;
}
