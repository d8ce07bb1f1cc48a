// What the authoring features need from the rest of the extension, as narrow interfaces:
// the recordings (src/panopto/sessions.ts's SessionService satisfies RecordingSource) and the site
// a link must point at to be worth a request. Pure (no `vscode`).

/** A recording as search results and details describe it (camelCase, as src/panopto/wire.ts makes it). */
export interface RecordingSummary {
  id: string;
  name: string;
  folderId?: string;
  folderName?: string;
  viewerUrl?: string;
  thumbnailUrl?: string;
  startTime?: string;
  durationSeconds?: number;
  description?: string;
}

export interface RecordingSource {
  searchSessions(query: string, options?: { folderId?: string; signal?: AbortSignal }): Promise<RecordingSummary[]>;
  getSessionDetails(id: string, signal?: AbortSignal): Promise<RecordingSummary>;
  /** Whether a link to the recording works for this user; other failures (network, 5xx) reject. */
  recordingState(id: string, signal?: AbortSignal): Promise<'found' | 'gone' | 'forbidden'>;
}

export interface SiteSource {
  /** The signed-in account's site origin (no request, no renewal), or undefined when signed out. */
  signedInOrigin(): Promise<string | undefined>;
  /** The configured `panopto.serverUrl` origin, or undefined. */
  configuredOrigin(): string | undefined;
}
