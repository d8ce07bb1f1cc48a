// What every REST v1 handler gets, and how it answers: JSON (with the restFaultMode faults),
// APIError bodies for 400/404 (docs/panopto.md#errors: {"Error":{"ErrorCode","Message","Success":false}}),
// and the empty 401/403 Panopto documents without a body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevContext, DevPrincipal } from '../context';
import type { Switches } from '../switches';
import type { FolderCatalog } from './catalog';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RestRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  ctx: DevContext;
  principal: DevPrincipal;
  switches: Switches;
  catalog: FolderCatalog;
  /** Whether the restFault* switches apply to this path. */
  faultApplies: boolean;
  /** The `{id}` of the route, when it has one. */
  id: string;
}

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
  res.end(body);
}

export function apiError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ Error: { ErrorCode: code, Message: message, Success: false } }), {
    'content-type': 'application/json; charset=utf-8',
  });
}

export function json(r: RestRequest, status: number, body: unknown): void {
  if (r.faultApplies && r.switches.restFaultMode === 'malformedJson') {
    const text = JSON.stringify(body);
    send(r.res, status, text.slice(0, Math.max(1, Math.floor(text.length / 2))), { 'content-type': 'application/json; charset=utf-8' });
    return;
  }
  if (r.faultApplies && r.switches.restFaultMode === 'html') {
    send(r.res, 200, SIGN_IN_PAGE, { 'content-type': 'text/html; charset=utf-8' });
    return;
  }
  send(r.res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8' });
}

/** A change the user may not make. How Panopto answers is not documented beyond "403, user does not
 *  have permission" (docs/panopto.md#errors), so the restChangeDenied switch picks the answer. */
export function changeDenied(r: RestRequest, what: string): void {
  switch (r.switches.restChangeDenied) {
    case '403empty':
      send(r.res, 403, '');
      return;
    case '401empty':
      send(r.res, 401, '');
      return;
    default:
      apiError(r.res, 403, 'Forbidden', `User does not have permission to ${what}.`);
  }
}

const MAX_JSON_BYTES = 64 * 1024;

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The JSON object in the body, or undefined after answering 415 (not JSON) or 400 (unreadable, not an object). */
export async function readJsonObject(r: RestRequest): Promise<Record<string, unknown> | undefined> {
  const type = String(r.req.headers['content-type'] ?? '');
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    apiError(r.res, 415, 'UnsupportedMediaType', `The request body must be JSON (Content-Type: application/json), not '${type}'.`);
    return undefined;
  }
  const body = await readBody(r.req, MAX_JSON_BYTES);
  if (!body) {
    apiError(r.res, 400, 'InvalidArgument', `The request body is larger than ${MAX_JSON_BYTES} bytes.`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    apiError(r.res, 400, 'InvalidArgument', 'The request body is not valid JSON.');
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    apiError(r.res, 400, 'InvalidArgument', 'The request body must be a JSON object.');
    return undefined;
  }
  return value as Record<string, unknown>;
}

export const SERVER_ERROR_PAGE = `<!DOCTYPE html>
<html><head><title>Runtime Error</title></head>
<body><h1>Server Error in '/Panopto' Application.</h1><h2><i>Runtime Error</i></h2>
<p>An application error occurred on the server.</p></body></html>`;

export const SIGN_IN_PAGE = `<!DOCTYPE html>
<html><head><title>Sign in - Panopto</title></head>
<body><form method="post" action="/Panopto/Pages/Auth/Login.aspx"><input name="username"><input type="password" name="password"></form></body></html>`;
