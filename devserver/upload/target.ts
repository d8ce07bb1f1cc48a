// The S3-compatible upload target under /Panopto/Upload/{guid}/{file} (docs/panopto.md#upload-target):
// initiate, part, list parts, complete, abort and single PUT. It ignores Authorization (the GUID is
// the capability), streams every body to disk (receiveBody.ts), and answers S3's XML.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Switches } from '../switches';
import { parseCompleteBody, readSmallBody, safeDecode, unquote } from './completeBody';
import { hasExpired, touch } from './expiry';
import { listParts } from './listParts';
import { receiveBody } from './receiveBody';
import { checksumsFor, encodingRefusal, type BodyChecksums, type S3Refusal } from './s3Headers';
import { UploadState, type OpenMultipart, type StoredFile, type UploadStore, type UploadTargetRecord } from './store';
import { sendS3Error, sendXml, xmlDocument } from './xmlReply';

const MAX_COMPLETE_BODY = 1024 * 1024;

const refuse = (res: ServerResponse, refusal: S3Refusal) =>
  sendS3Error(res, refusal.status, refusal.code, refusal.message, true, refusal.extra);

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
    return sendS3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.', true);
  }
  const fileName = safeDecode(match[2]);
  if (!fileName || fileName.includes('/') || fileName === '.' || fileName === '..') {
    return sendS3Error(res, 400, 'InvalidArgument', 'Object keys below the target are plain file names.', true);
  }
  const q = url.searchParams;
  const owner = store.sessionUploads.get(target.sessionUploadId);
  if (owner && hasExpired(owner) && q.has('uploadId')) {
    // Expired: its multipart uploads are gone, as an S3 lifecycle rule would abort them.
    req.resume();
    return sendNoSuchUpload(res, true);
  }
  if (!owner || owner.object.State !== UploadState.Uploading) {
    return sendS3Error(res, 403, 'AccessDenied', 'Access Denied', true);
  }
  if (switches.strictS3) {
    const refusal = encodingRefusal(req);
    if (refusal) return refuse(res, refusal);
  }
  const checked = checksumsFor(req, switches.checksumHeaders);
  if ('refusal' in checked) return refuse(res, checked.refusal);
  const method = req.method ?? 'GET';
  touch(owner, 1);
  try {
    if (method === 'POST' && q.has('uploads')) {
      return await initiate(req, res, target, fileName);
    }
    if (method === 'PUT' && q.has('partNumber') && q.has('uploadId')) {
      return await putPart(req, res, {
        target,
        fileName,
        partNumberText: q.get('partNumber') ?? '',
        uploadId: q.get('uploadId') ?? '',
        store,
        switches,
        checksums: checked.checksums,
      });
    }
    if (method === 'GET' && q.has('uploadId')) {
      req.resume();
      if (!switches.listParts) {
        return sendS3Error(res, 501, 'NotImplemented', 'A header you provided implies functionality that is not implemented.');
      }
      const mp = openMultipart(target, fileName, q.get('uploadId') ?? '');
      return mp ? listParts(res, target, mp, q) : sendNoSuchUpload(res);
    }
    if (method === 'POST' && q.has('uploadId')) {
      return await complete(req, res, target, fileName, q.get('uploadId') ?? '');
    }
    if (method === 'DELETE' && q.has('uploadId')) {
      return await abort(req, res, target, q.get('uploadId') ?? '');
    }
    if (method === 'PUT' && ![...q.keys()].length) {
      return await putObject(req, res, target, fileName, store, switches, checked.checksums);
    }
    return sendS3Error(res, 405, 'MethodNotAllowed', `The specified method is not allowed against this resource.`, true, {
      Method: method,
      ResourceType: 'OBJECT',
    });
  } finally {
    touch(owner, -1);
  }
}

function openMultipart(target: UploadTargetRecord, fileName: string, uploadId: string): OpenMultipart | undefined {
  const mp = target.multiparts.get(uploadId);
  return mp && mp.fileName === fileName ? mp : undefined;
}

function sendNoSuchUpload(res: ServerResponse, close = false): void {
  sendS3Error(
    res,
    404,
    'NoSuchUpload',
    'The specified multipart upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    close,
  );
}

async function initiate(req: IncomingMessage, res: ServerResponse, target: UploadTargetRecord, fileName: string): Promise<void> {
  req.resume();
  const uploadId = randomUUID().replace(/-/g, '');
  target.multiparts.set(uploadId, { uploadId, fileName, parts: new Map(), createdAt: Date.now() });
  await mkdir(partsDir(target, uploadId), { recursive: true });
  sendXml(
    res,
    200,
    xmlDocument('InitiateMultipartUploadResult', { Bucket: 'Upload', Key: `${target.guid}/${fileName}`, UploadId: uploadId }),
  );
}

interface PartRequest {
  target: UploadTargetRecord;
  fileName: string;
  partNumberText: string;
  uploadId: string;
  store: UploadStore;
  switches: Switches;
  checksums: BodyChecksums;
}

async function putPart(req: IncomingMessage, res: ServerResponse, part: PartRequest): Promise<void> {
  const { target, uploadId, store, switches, checksums } = part;
  const mp = openMultipart(target, part.fileName, uploadId);
  if (!mp) {
    return sendNoSuchUpload(res, true);
  }
  // Parts may be numbered from 0 (pypanopto does) or 1 (S3).
  const partNumber = Number(part.partNumberText);
  if (!/^\d+$/.test(part.partNumberText) || partNumber > 10000) {
    return sendS3Error(res, 400, 'InvalidArgument', 'Part number must be an integer between 0 and 10000, inclusive', true, {
      ArgumentName: 'partNumber',
    });
  }
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared !== undefined && declared > switches.maxPartSizeBytes) {
    // Drain first, so the client reads this answer instead of a reset while it is still sending.
    req.resume();
    await once(req, 'end').catch(() => undefined);
    return sendS3Error(
      res,
      400,
      'EntityTooLarge',
      `Your proposed upload exceeds the maximum allowed size: parts may be at most ${switches.maxPartSizeBytes} bytes.`,
    );
  }
  const dropAfterBytes = store.partDrops.next(switches);
  const path = join(partsDir(target, uploadId), `${partNumber}.part.${randomUUID()}`);
  const received = await receiveBody(req, {
    path,
    switches,
    outage: store.outage,
    checksums,
    maxBytes: switches.maxPartSizeBytes,
    dropAfterBytes,
  });
  if (!received.ok) {
    if (received.reason === 'tooLarge') {
      return sendS3Error(
        res,
        400,
        'EntityTooLarge',
        `Your proposed upload exceeds the maximum allowed size: parts may be at most ${switches.maxPartSizeBytes} bytes.`,
        true,
      );
    }
    if (!res.destroyed) res.destroy();
    return;
  }
  const refusal = (declared !== undefined && received.size !== declared ? incompleteBody : undefined) ?? checksums.verdict();
  if (refusal || !target.multiparts.has(uploadId)) {
    await rm(path, { force: true });
    // Without a refusal the upload was aborted (or expired) while this part was in flight.
    return refusal ? refuse(res, refusal) : sendNoSuchUpload(res);
  }
  const previous = mp.parts.get(partNumber);
  if (previous) {
    await rm(previous.path, { force: true });
  }
  const etag = `"${received.md5Hex}"`;
  const echoed = checksums.responseHeaders();
  mp.parts.set(partNumber, { path, size: received.size, etag, lastModified: new Date().toISOString(), checksums: echoed });
  if (dropAfterBytes !== undefined || !(await store.outage.pass(req, switches))) {
    // The whole part arrived before the drop point: it is stored, but its answer is lost.
    req.socket.destroy();
    return;
  }
  res.writeHead(200, { etag, 'content-length': '0', ...echoed });
  res.end();
}

const incompleteBody: S3Refusal = {
  status: 400,
  code: 'IncompleteBody',
  message: 'You did not provide the number of bytes specified by the Content-Length HTTP header.',
};

async function complete(
  req: IncomingMessage,
  res: ServerResponse,
  target: UploadTargetRecord,
  fileName: string,
  uploadId: string,
): Promise<void> {
  const mp = target.multiparts.get(uploadId);
  if (!mp || mp.fileName !== fileName) {
    req.resume();
    return sendNoSuchUpload(res);
  }
  const body = await readSmallBody(req, MAX_COMPLETE_BODY);
  const listed = body === undefined ? undefined : parseCompleteBody(body);
  if (!listed || listed.length === 0) {
    return sendS3Error(
      res,
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
    );
  }
  for (let i = 0; i < listed.length; i++) {
    const { partNumber, etag } = listed[i];
    if (i > 0 && partNumber <= listed[i - 1].partNumber) {
      return sendS3Error(
        res,
        400,
        'InvalidPartOrder',
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
      );
    }
    const stored = mp.parts.get(partNumber);
    if (!stored || unquote(stored.etag) !== unquote(etag)) {
      return sendS3Error(
        res,
        400,
        'InvalidPart',
        `One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag (part ${partNumber}).`,
      );
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
    return sendNoSuchUpload(res);
  }
  await rm(partsDir(target, uploadId), { recursive: true, force: true });
  res.writeHead(204);
  res.end();
}

async function putObject(
  req: IncomingMessage,
  res: ServerResponse,
  target: UploadTargetRecord,
  fileName: string,
  store: UploadStore,
  switches: Switches,
  checksums: BodyChecksums,
): Promise<void> {
  await mkdir(join(target.dir, 'files'), { recursive: true });
  const finalPath = join(target.dir, 'files', encodeURIComponent(fileName));
  const temp = `${finalPath}.${randomUUID()}.tmp`;
  const received = await receiveBody(req, { path: temp, switches, outage: store.outage, checksums });
  if (!received.ok) {
    if (!res.destroyed) res.destroy();
    return;
  }
  const declared = req.headers['content-length'];
  const refusal = (declared !== undefined && Number(declared) !== received.size ? incompleteBody : undefined) ?? checksums.verdict();
  if (refusal) {
    await rm(temp, { force: true });
    return refuse(res, refusal);
  }
  await rename(temp, finalPath);
  target.files.set(fileName, { name: fileName, path: finalPath, size: received.size, sha256: received.sha256Hex });
  if (!(await store.outage.pass(req, switches))) return;
  res.writeHead(200, { etag: `"${received.md5Hex}"`, 'content-length': '0', ...checksums.responseHeaders() });
  res.end();
}

function partsDir(target: UploadTargetRecord, uploadId: string): string {
  return join(target.dir, 'multipart', uploadId);
}
