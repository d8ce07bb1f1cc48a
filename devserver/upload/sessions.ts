// What the upload processing needs from the folders/sessions data behind REST v1: whether a folder
// exists and who may add to it, and a way to add the session an upload becomes (so
// `/api/v1/sessions/{id}` finds it).
export interface NewUploadedSession {
  folderId: string;
  name: string;
  description?: string;
  creatorUserId: string;
  creatorUserName: string;
}

export interface UploadSessions {
  /** undefined when there is no such folder. */
  folderVisibleTo(folderId: string, userName: string): boolean | undefined;
  /** Adds the session and returns its Id (a lowercase GUID). */
  createSession(session: NewUploadedSession): string;
}
