// The dev server's upload API (docs/panopto.md#upload), routed here by server.ts:
// - /Panopto/PublicAPI/REST/sessionUpload[/{ID}]  the sessionUpload resource (upload/sessionUploads.ts)
// - /Panopto/Upload/{guid}/{file}                 the S3-style upload target (upload/target.ts)
// After State 1 the upload is processed on a timer (upload/processing.ts) into a session of the
// REST v1 catalog. State lives per server, keyed like rest.ts by the context's `stats` object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevContext, RouteHandler } from './context';
import { catalogOf } from './rest';
import { sweepExpired } from './upload/expiry';
import { handleSessionUpload } from './upload/sessionUploads';
import type { UploadSessions } from './upload/sessions';
import { UploadStore, type UploadsSnapshot } from './upload/store';
import { handleTarget } from './upload/target';
import { sendS3Error } from './upload/xmlReply';

const stores = new WeakMap<object, UploadStore>();
const scratchRoots = new Set<string>();

// A context without server.ts's uploadDir (a unit test's own context) gets a scratch dir that goes
// when the process ends; server.ts removes its uploadDir on close.
process.once('exit', () => {
  for (const root of scratchRoots) {
    rmSync(root, { recursive: true, force: true });
  }
});

type UploadContext = Pick<DevContext, 'stats'> & Partial<Pick<DevContext, 'switches'>> & { uploadDir?: string };

/** This server's uploads, stored under its uploadDir. */
export function uploadStoreOf(ctx: UploadContext): UploadStore {
  let store = stores.get(ctx.stats);
  if (!store) {
    let root = ctx.uploadDir;
    if (!root) {
      root = mkdtempSync(join(tmpdir(), 'panopto-dev-uploads-'));
      scratchRoots.add(root);
    }
    store = new UploadStore(root);
    stores.set(ctx.stats, store);
  }
  return store;
}

/** What GET /__dev/uploads answers: sessionUploads, open multipart uploads, stored files with sha256. */
export async function uploadsSnapshot(ctx: UploadContext): Promise<UploadsSnapshot> {
  const store = uploadStoreOf(ctx);
  await store.settled();
  if (ctx.switches) sweepExpired(store, ctx.switches);
  return store.snapshot();
}

function sessionsOf(ctx: DevContext): UploadSessions {
  const catalog = catalogOf(ctx);
  return {
    folderVisibleTo(folderId, userName) {
      const folder = catalog.folders.get(folderId);
      return folder === undefined ? undefined : catalog.canSee(userName, folder);
    },
    createSession(session) {
      const id = crypto.randomUUID();
      catalog.addSession({
        id,
        name: session.name,
        description: session.description ?? null,
        folderId: session.folderId,
        startTime: new Date().toISOString(),
        durationSeconds: 0,
        createdBy: { id: session.creatorUserId, userName: session.creatorUserName },
      });
      return id;
    },
  };
}

/** Starts (or ends) the upload outage window now; admin.ts calls it when POST /__dev/switches sets uploadOutageMs. */
export function armUploadOutage(ctx: UploadContext & Pick<DevContext, 'switches'>): void {
  uploadStoreOf(ctx).outage.arm(ctx.switches);
}

export const handleUpload: RouteHandler = async (req, res, url, ctx) => {
  const path = url.pathname;
  const isApi = path === '/Panopto/PublicAPI/REST/sessionUpload' || path.startsWith('/Panopto/PublicAPI/REST/sessionUpload/');
  const isTarget = path.startsWith('/Panopto/Upload/');
  if (!isApi && !isTarget) {
    return false;
  }
  const store = uploadStoreOf(ctx);
  // An outage (uploadOutageMs): hold the request until it ends, or reset the connection.
  if (!(await store.outage.pass(req, ctx.switches))) {
    return true;
  }
  sweepExpired(store, ctx.switches);
  if (isApi) {
    await handleSessionUpload(req, res, url, ctx, store, sessionsOf(ctx));
    return true;
  }
  try {
    await handleTarget(req, res, url, store, ctx.switches);
  } catch (error) {
    // Every answer of the target is S3-shaped, a bug's too.
    console.error('panopto dev server: upload target error', error instanceof Error ? error.message : error);
    sendS3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.', true);
  }
  return true;
};
