// The S3-compatible upload target under /Panopto/Upload/{guid}/{file} (docs/panopto-api.md#upload-target):
// initiate, part, complete, abort and single PUT. It ignores Authorization (the GUID is the
// capability), streams every body to disk, and answers S3's XML.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { XMLParser } from 'fast-xml-parser';
import type { Switches } from '../switches';
import { UploadState, type OpenMultipart, type StoredFile, type UploadStore, type UploadTargetRecord } from './store';
import { sendS3Error, sendXml, xmlDocument } from './xmlReply';

const MAX_COMPLETE_BODY = 1024 * 1024;

export async function handleTarget(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: UploadStore,
  switches: Switches,
): Promise<void> {
  store.targetRequests += 1;
  if (req.headers.authorization !== undefined) {
    store.targetRequestsWithAuthorization += 1; // ignored, only counted
  }
  const match = /^\/Panopto\/Upload\/([^/]+)\/(.+)$/.exec(url.pathname);
  const target = match ? store.targets.get(match[1].toLowerCase()) : undefined;
  if (!match || !target) {
    return sendS3Error(res, 404, 'NoSuchBucket', 'No such upload target.', true);
  }
  const fileName = safeDecode(match[2]);
  if (!fileName || fileName.includes('/') || fileName === '.' || fileName === '..') {
    return sendS3Error(res, 400, 'InvalidArgument', 'Object keys below the target are plain file names.', true);
  }
  const owner = store.sessionUploads.get(target.sessionUploadId);
  if (!owner || owner.object.State !== UploadState.Uploading) {
    return sendS3Error(res, 403, 'AccessDenied', 'This upload is no longer accepting files.', true);
  }
  if (switches.strictS3) {
    const refusal = strictRefusal(req);
    if (refusal) {
      return sendS3Error(res, refusal.status, refusal.code, refusal.message, true);
    }
  }
  const q = url.searchParams;
  const method = req.method ?? 'GET';
  if (method === 'POST' && q.has('uploads')) {
    return initiate(req, res, target, fileName);
  }
  if (method === 'PUT' && q.has('partNumber') && q.has('uploadId')) {
    return putPart(req, res, target, fileName, q.get('partNumber') ?? '', q.get('uploadId') ?? '', store, switches);
  }
  if (method === 'POST' && q.has('uploadId')) {
    return complete(req, res, target, fileName, q.get('uploadId') ?? '');
  }
  if (method === 'DELETE' && q.has('uploadId')) {
    return abort(req, res, target, q.get('uploadId') ?? '');
  }
  if (method === 'PUT' && ![...q.keys()].length) {
    return putObject(req, res, target, fileName);
  }
  return sendS3Error(res, 405, 'MethodNotAllowed', `${method} with these parameters is not supported here.`, true);
}

/** Under strictS3 only plain, exactly sized bodies pass: what current AWS SDKs send by default does not. */
function strictRefusal(req: IncomingMessage): { status: number; code: string; message: string } | undefined {
  const h = req.headers;
  if (/chunked/i.test(String(h['transfer-encoding'] ?? ''))) {
    return { status: 411, code: 'MissingContentLength', message: 'Chunked transfer encoding is not accepted; send Content-Length.' };
  }
  if (/aws-chunked/i.test(String(h['content-encoding'] ?? '')) || /^STREAMING-/i.test(String(h['x-amz-content-sha256'] ?? ''))) {
    return { status: 400, code: 'NotImplemented', message: 'aws-chunked / streaming payloads are not accepted.' };
  }
  const checksum = Object.keys(h).find((name) => name.startsWith('x-amz-checksum') || name === 'x-amz-trailer' || name === 'x-amz-sdk-checksum-algorithm');
  if (checksum) {
    return { status: 400, code: 'InvalidRequest', message: `Checksum header ${checksum} is not accepted.` };
  }
  if (h['content-length'] === undefined && ['POST', 'PUT'].includes(req.method ?? '')) {
    return { status: 411, code: 'MissingContentLength', message: 'Content-Length is required.' };
  }
  return undefined;
}

async function initiate(req: IncomingMessage, res: ServerResponse, target: UploadTargetRecord, fileName: string): Promise<void> {
  req.resume();
  const uploadId = randomUUID().replace(/-/g, '');
  target.multiparts.set(uploadId, { uploadId, fileName, parts: new Map(), createdAt: Date.now() });
  await mkdir(partsDir(target, uploadId), { recursive: true });
  sendXml(res, 200, xmlDocument('InitiateMultipartUploadResult', { Bucket: 'Upload', Key: `${target.guid}/${fileName}`, UploadId: uploadId }));
}

async function putPart(
  req: IncomingMessage,
  res: ServerResponse,
  target: UploadTargetRecord,
  fileName: string,
  partNumberText: string,
  uploadId: string,
  store: UploadStore,
  switches: Switches,
): Promise<void> {
  const mp = target.multiparts.get(uploadId);
  if (!mp || mp.fileName !== fileName) {
    return sendS3Error(res, 404, 'NoSuchUpload', 'The specified multipart upload does not exist.', true);
  }
  // Parts may be numbered from 0 (pypanopto does) or 1 (S3).
  const partNumber = Number(partNumberText);
  if (!/^\d+$/.test(partNumberText) || partNumber > 10000) {
    return sendS3Error(res, 400, 'InvalidArgument', 'partNumber must be an integer from 0 to 10000.', true);
  }
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared !== undefined && declared > switches.maxPartSizeBytes) {
    // Drain first, so the client reads this answer instead of a reset while it is still sending.
    req.resume();
    await once(req, 'end').catch(() => undefined);
    return sendS3Error(res, 400, 'EntityTooLarge', `Parts may be at most ${switches.maxPartSizeBytes} bytes.`);
  }
  // Counted from when the switch was set, so "the Nth part" means the Nth part PUT after that.
  if (store.dropArmedFor !== switches.dropConnectionOnPart) {
    store.dropArmedFor = switches.dropConnectionOnPart;
    store.partsSinceArmed = 0;
  }
  store.partsSinceArmed += 1;
  const drop = switches.dropConnectionOnPart > 0 && store.partsSinceArmed === switches.dropConnectionOnPart;
  if (drop) {
    switches.dropConnectionOnPart = 0; // once
    store.dropArmedFor = 0;
  }
  const path = join(partsDir(target, uploadId), `${partNumber}.part.${randomUUID()}`);
  const md5 = createHash('md5');
  let size = 0;
  let tooLarge = false;
  const meter = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      size += chunk.length;
      if (size > switches.maxPartSizeBytes) {
        tooLarge = true;
        return done(new Error('part too large'));
      }
      if (drop && size > 0) {
        // Simulate a connection lost mid-part: the client sees a reset, nothing is stored.
        req.socket.destroy();
        return done(new Error('connection dropped by switch'));
      }
      md5.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, meter, createWriteStream(path));
  } catch {
    await rm(path, { force: true });
    if (tooLarge) {
      return sendS3Error(res, 400, 'EntityTooLarge', `Parts may be at most ${switches.maxPartSizeBytes} bytes.`, true);
    }
    if (!res.destroyed) {
      res.destroy();
    }
    return;
  }
  if (declared !== undefined && size !== declared) {
    await rm(path, { force: true });
    return sendS3Error(res, 400, 'IncompleteBody', 'The body is shorter than Content-Length.', true);
  }
  if (!target.multiparts.has(uploadId)) {
    // Aborted while this part was in flight.
    await rm(path, { force: true });
    return sendS3Error(res, 404, 'NoSuchUpload', 'The multipart upload was aborted.');
  }
  const previous = mp.parts.get(partNumber);
  if (previous) {
    await rm(previous.path, { force: true });
  }
  const etag = `"${md5.digest('hex')}"`;
  mp.parts.set(partNumber, { path, size, etag });
  res.writeHead(200, { etag, 'content-length': '0' });
  res.end();
}

async function complete(req: IncomingMessage, res: ServerResponse, target: UploadTargetRecord, fileName: string, uploadId: string): Promise<void> {
  const mp = target.multiparts.get(uploadId);
  if (!mp || mp.fileName !== fileName) {
    req.resume();
    return sendS3Error(res, 404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
  }
  const body = await readSmallBody(req, MAX_COMPLETE_BODY);
  const listed = body === undefined ? undefined : parseCompleteBody(body);
  if (!listed || listed.length === 0) {
    return sendS3Error(res, 400, 'MalformedXML', 'The CompleteMultipartUpload body is not valid.');
  }
  for (let i = 0; i < listed.length; i++) {
    const { partNumber, etag } = listed[i];
    if (i > 0 && partNumber <= listed[i - 1].partNumber) {
      return sendS3Error(res, 400, 'InvalidPartOrder', 'Parts must be listed in ascending order.');
    }
    const stored = mp.parts.get(partNumber);
    if (!stored || unquote(stored.etag) !== unquote(etag)) {
      return sendS3Error(res, 400, 'InvalidPart', `Part ${partNumber} was not uploaded or its ETag does not match.`);
    }
  }
  // Answer as S3 does once the part list checks out: the ETag derives from the parts' MD5s, so the
  // object need not be read first. Joining the parts (and hashing the whole file for tests) follows
  // the answer; processing and GET /__dev/uploads wait for it (store.settled()).
  const partNumbers = listed.map((p) => p.partNumber);
  const partsMd5 = createHash('md5');
  for (const n of partNumbers) {
    partsMd5.update(Buffer.from(unquote(mp.parts.get(n)!.etag), 'hex'));
  }
  target.multiparts.delete(uploadId);
  const assembly: Promise<void> = assemble(target, mp, partNumbers)
    .then((file) => {
      // A cancel while joining discarded the target: the file must not reappear.
      if (target.assembling.get(mp.fileName) === assembly) {
        target.files.set(mp.fileName, file);
      }
    })
    // A failed join leaves the file missing, which processing reports as a ProcessingError.
    .catch(() => undefined)
    .finally(() => {
      if (target.assembling.get(mp.fileName) === assembly) {
        target.assembling.delete(mp.fileName);
      }
      return rm(partsDir(target, uploadId), { recursive: true, force: true });
    });
  target.assembling.set(mp.fileName, assembly);
  sendXml(
    res,
    200,
    xmlDocument('CompleteMultipartUploadResult', {
      Location: `/Panopto/Upload/${target.guid}/${encodeURIComponent(fileName)}`,
      Bucket: 'Upload',
      Key: `${target.guid}/${fileName}`,
      ETag: `"${partsMd5.digest('hex')}-${listed.length}"`,
    }),
  );
}

/** Concatenates the listed parts into the object, hashing on the way (streamed, never whole in memory). */
async function assemble(target: UploadTargetRecord, mp: OpenMultipart, partNumbers: number[]): Promise<StoredFile> {
  const finalPath = join(target.dir, 'files', encodeURIComponent(mp.fileName));
  await mkdir(join(target.dir, 'files'), { recursive: true });
  const temp = `${finalPath}.${randomUUID()}.tmp`;
  const sha = createHash('sha256');
  const out = createWriteStream(temp);
  let size = 0;
  try {
    for (const n of partNumbers) {
      const part = mp.parts.get(n)!;
      for await (const chunk of createReadStream(part.path) as AsyncIterable<Buffer>) {
        sha.update(chunk);
        size += chunk.length;
        if (!out.write(chunk)) {
          await once(out, 'drain');
        }
      }
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  await rename(temp, finalPath);
  return { name: mp.fileName, path: finalPath, size, sha256: sha.digest('hex') };
}

async function abort(req: IncomingMessage, res: ServerResponse, target: UploadTargetRecord, uploadId: string): Promise<void> {
  req.resume();
  if (!target.multiparts.delete(uploadId)) {
    return sendS3Error(res, 404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
  }
  await rm(partsDir(target, uploadId), { recursive: true, force: true });
  res.writeHead(204);
  res.end();
}

async function putObject(req: IncomingMessage, res: ServerResponse, target: UploadTargetRecord, fileName: string): Promise<void> {
  await mkdir(join(target.dir, 'files'), { recursive: true });
  const finalPath = join(target.dir, 'files', encodeURIComponent(fileName));
  const temp = `${finalPath}.${randomUUID()}.tmp`;
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  try {
    await pipeline(
      req,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          sha.update(chunk);
          md5.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      createWriteStream(temp),
    );
  } catch {
    await rm(temp, { force: true });
    return;
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) !== size) {
    await rm(temp, { force: true });
    return sendS3Error(res, 400, 'IncompleteBody', 'The body is shorter than Content-Length.');
  }
  await rename(temp, finalPath);
  target.files.set(fileName, { name: fileName, path: finalPath, size, sha256: sha.digest('hex') });
  const etag = `"${md5.digest('hex')}"`;
  res.writeHead(200, { etag, 'content-length': '0' });
  res.end();
}

function partsDir(target: UploadTargetRecord, uploadId: string): string {
  return join(target.dir, 'multipart', uploadId);
}

function unquote(etag: string): string {
  return etag.replace(/&quot;/g, '"').replace(/^"|"$/g, '');
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

async function readSmallBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const completeParser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'Part' });

function parseCompleteBody(body: string): { partNumber: number; etag: string }[] | undefined {
  try {
    const doc = completeParser.parse(body) as { CompleteMultipartUpload?: { Part?: { PartNumber?: unknown; ETag?: unknown }[] } };
    const parts = doc.CompleteMultipartUpload?.Part;
    if (!Array.isArray(parts)) {
      return undefined;
    }
    const out: { partNumber: number; etag: string }[] = [];
    for (const p of parts) {
      const n = Number(p.PartNumber);
      if (typeof p.PartNumber !== 'string' || !/^\d+$/.test(p.PartNumber.trim()) || typeof p.ETag !== 'string') {
        return undefined;
      }
      out.push({ partNumber: n, etag: p.ETag });
    }
    return out;
  } catch {
    return undefined;
  }
}
