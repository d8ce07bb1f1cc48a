// Panopto's legacy sessionUpload resource (docs/panopto.md#sessionupload), through the authorized client
// (which refreshes and retries once on 403, the legacy API's answer for an expired token).
// Note the `ID` casing here versus `Id` in REST v1, and that `State` is an integer.
// Ids go into paths only as GUIDs (wire.ts, panoptoId), and the URLs an answer carries are used only
// when they are on the signed-in site (wire.ts, onSite): UploadTarget is where the media is sent
// (Panopto names `{site}/Panopto/Upload/{guid}`: docs/panopto.md), ViewerUrl is opened in a browser.
import * as z from 'zod/mini';
import type { PanoptoClient } from './client';
import { PanoptoMalformedResponseError } from './errors';
import { onSite, panoptoId, wireSessionSchema, type WireSession } from './wire';
import { lazy } from '../vendor/lazy';

export const SESSION_UPLOAD_PATH = '/Panopto/PublicAPI/REST/sessionUpload';

export const SessionUploadState = {
  Uploading: 0,
  UploadComplete: 1,
  UploadCancelled: 2,
  Processing: 3,
  Complete: 4,
  ProcessingError: 5,
  DeletingFiles: 6,
  Deleted: 7,
  DeletingError: 8,
} as const;

/** States after which nothing more will happen (the C# sample's CompletedStates). */
export const TERMINAL_STATES: ReadonlySet<number> = new Set([
  SessionUploadState.UploadCancelled,
  SessionUploadState.Complete,
  SessionUploadState.ProcessingError,
  SessionUploadState.Deleted,
  SessionUploadState.DeletingError,
]);

// looseObject: the finishing PUT sends the whole object back, including fields we do not know.
// Made on first use, like the schemas in wire.ts.
export const sessionUploadSchema = lazy(() =>
  z.looseObject({
    ID: z.string().check(z.minLength(1)),
    FolderId: z.nullish(z.string()),
    SessionId: z.nullish(z.string()),
    UploadTarget: z.url(),
    State: z.int(),
    MessageID: z.nullish(z.number()),
    Message: z.nullish(z.string()),
  }),
);
export type SessionUpload = z.infer<ReturnType<typeof sessionUploadSchema>>;

export class SessionUploadApi {
  constructor(private readonly client: PanoptoClient) {}

  async create(folderId: string, signal?: AbortSignal): Promise<SessionUpload> {
    const upload = await this.client.requestJson({
      method: 'POST',
      path: SESSION_UPLOAD_PATH,
      body: { FolderId: panoptoId(folderId, 'folder') },
      schema: sessionUploadSchema(),
      endpoint: 'POST sessionUpload',
      signal,
    });
    return this.checked(upload, 'POST sessionUpload');
  }

  /** Tells Panopto every file is there: PUT the whole object back with State 1. */
  finish(upload: SessionUpload, signal?: AbortSignal): Promise<SessionUpload> {
    return this.client
      .requestJson({
        method: 'PUT',
        path: `${SESSION_UPLOAD_PATH}/${panoptoId(upload.ID, 'upload')}`,
        body: { ...upload, State: SessionUploadState.UploadComplete },
        // Some servers answer the PUT with an empty body; then the object we sent is the state we know.
        schema: z.optional(sessionUploadSchema()),
        endpoint: 'PUT sessionUpload',
        signal,
      })
      .then((answer) => (answer ? this.checked(answer, 'PUT sessionUpload') : { ...upload, State: SessionUploadState.UploadComplete }));
  }

  async get(id: string, signal?: AbortSignal): Promise<SessionUpload> {
    const upload = await this.client.requestJson({
      path: `${SESSION_UPLOAD_PATH}/${panoptoId(id, 'upload')}`,
      schema: sessionUploadSchema(),
      endpoint: 'GET sessionUpload',
      signal,
    });
    return this.checked(upload, 'GET sessionUpload');
  }

  /** Cancels the upload; Panopto then deletes what arrived. */
  async cancel(id: string, signal?: AbortSignal): Promise<void> {
    await this.client.requestJson({
      method: 'DELETE',
      path: `${SESSION_UPLOAD_PATH}/${panoptoId(id, 'upload')}`,
      schema: z.unknown(),
      endpoint: 'DELETE sessionUpload',
      signal,
    });
  }

  /** The REST v1 session the upload became, for its viewer link (kept only when it is on the site). */
  async session(sessionId: string, signal?: AbortSignal): Promise<WireSession> {
    const session = await this.client.requestJson({
      path: `/Panopto/api/v1/sessions/${panoptoId(sessionId, 'session')}`,
      schema: wireSessionSchema(),
      endpoint: 'GET session',
      signal,
    });
    const viewerUrl = onSite(session.Urls?.ViewerUrl ?? undefined, await this.client.site());
    return session.Urls ? { ...session, Urls: { ...session.Urls, ViewerUrl: viewerUrl } } : session;
  }

  /** The upload, once its UploadTarget is known to be on the signed-in site (media must go nowhere else). */
  private async checked(upload: SessionUpload, endpoint: string): Promise<SessionUpload> {
    if (onSite(upload.UploadTarget, await this.client.site()) === undefined) {
      throw new PanoptoMalformedResponseError(endpoint, 'UploadTarget is not an address on the signed-in site');
    }
    return upload;
  }
}
