// The legacy sessionUpload resource (docs/panopto.md#sessionupload): POST → 201, PUT (whole object, State 1)
// → 200, GET → 200, DELETE → cancelled. `ID` casing, integer State, 403 (not 401) for a missing or
// expired token, as the upload samples expect.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevContext } from '../context';
import { startProcessing } from './processing';
import { UploadState, type SessionUploadRecord, type UploadStore } from './store';
import type { UploadSessions } from './sessions';

const BASE = '/Panopto/PublicAPI/REST/sessionUpload';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_JSON_BODY = 64 * 1024;

export async function handleSessionUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: DevContext,
  store: UploadStore,
  sessions: UploadSessions,
): Promise<void> {
  const id = url.pathname.length > BASE.length ? decodeURIComponent(url.pathname.slice(BASE.length + 1)) : undefined;
  if (ctx.switches.sessionUpload403 > 0) {
    // Fault injection: behave as if the token had just expired.
    ctx.switches.sessionUpload403 -= 1;
    req.resume();
    return sendEmpty(res, 403);
  }
  const principal = await ctx.authenticate(req);
  if (!principal) {
    req.resume();
    return sendEmpty(res, 403);
  }
  if (!principal.scopes.includes('api')) {
    req.resume();
    return sendEmpty(res, 403);
  }
  const method = req.method ?? 'GET';
  if (id === undefined) {
    if (method !== 'POST') {
      req.resume();
      return sendError(res, 405, 'MethodNotAllowed', `${method} is not supported on sessionUpload.`);
    }
    const body = await readJson(req);
    const folderId = isRecord(body) ? body.FolderId : undefined;
    if (typeof folderId !== 'string' || !GUID.test(folderId)) {
      return sendError(res, 400, 'BadRequest', 'FolderId must be a folder GUID.');
    }
    const visible = sessions.folderVisibleTo(folderId.toLowerCase(), principal.userName);
    if (visible === undefined) {
      return sendError(res, 404, 'NotFound', `Folder ${folderId} was not found.`);
    }
    if (!visible) {
      return sendEmpty(res, 403);
    }
    const record = store.createSessionUpload(ctx.baseUrl, folderId.toLowerCase(), principal);
    res.setHeader('location', `${ctx.baseUrl}${BASE}/${record.object.ID}`);
    return sendJson(res, 201, record.object);
  }
  const record = store.sessionUploads.get(id.toLowerCase());
  if (!record) {
    req.resume();
    return sendError(res, 404, 'NotFound', `Session upload ${id} was not found.`);
  }
  if (record.ownerUserId !== principal.userId) {
    req.resume();
    return sendEmpty(res, 403);
  }
  switch (method) {
    case 'GET':
      req.resume();
      return sendJson(res, 200, record.object);
    case 'PUT':
      return finish(req, res, record, store, sessions, ctx);
    case 'DELETE':
      req.resume();
      cancel(record, store);
      return sendJson(res, 200, record.object);
    default:
      req.resume();
      return sendError(res, 405, 'MethodNotAllowed', `${method} is not supported on sessionUpload/{ID}.`);
  }
}

async function finish(
  req: IncomingMessage,
  res: ServerResponse,
  record: SessionUploadRecord,
  store: UploadStore,
  sessions: UploadSessions,
  ctx: DevContext,
): Promise<void> {
  const body = await readJson(req);
  // The samples PUT back the whole object; insist on that shape so a client sending less is caught here.
  if (
    !isRecord(body) ||
    typeof body.ID !== 'string' ||
    body.ID.toLowerCase() !== record.object.ID ||
    typeof body.UploadTarget !== 'string'
  ) {
    return sendError(res, 400, 'BadRequest', 'PUT the whole sessionUpload object (ID, FolderId, UploadTarget, State …) with State 1.');
  }
  if (body.State !== UploadState.UploadComplete) {
    return sendError(res, 400, 'BadRequest', `State must be 1 (UploadComplete); got ${JSON.stringify(body.State)}.`);
  }
  if (record.object.State === UploadState.Uploading) {
    record.object.State = UploadState.UploadComplete;
    startProcessing(record, store, sessions, ctx.switches);
  } else if (record.object.State === UploadState.UploadCancelled) {
    return sendError(res, 400, 'BadRequest', 'This upload was cancelled.');
  } else if (record.object.State === UploadState.DeletingFiles || record.object.State === UploadState.Deleted) {
    return sendError(res, 400, 'BadRequest', record.object.Message ?? 'This upload was deleted.');
  }
  // Already finished: PUT is idempotent.
  return sendJson(res, 200, record.object);
}

function cancel(record: SessionUploadRecord, store: UploadStore): void {
  const state = record.object.State;
  const settled: number[] = [
    UploadState.Complete,
    UploadState.ProcessingError,
    UploadState.DeletingFiles,
    UploadState.Deleted,
    UploadState.DeletingError,
  ];
  if (settled.includes(state)) {
    return; // too late to cancel (or already expired); the object stays as it is
  }
  record.timers.forEach(clearTimeout);
  record.timers = [];
  record.object.State = UploadState.UploadCancelled;
  store.discardTargetFiles(record.targetGuid);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) {
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
  res.end(body);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { Error: { ErrorCode: code, Message: message, Success: false } });
}
