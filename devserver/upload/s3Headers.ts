// What a request to the upload target says about its body, and whether the target takes it.
// - Body encodings (switch strictS3): only plain bodies with Content-Length. Chunked transfer without a
//   length is 411 MissingContentLength (as S3); aws-chunked, streaming-signed bodies
//   (x-amz-content-sha256: STREAMING-…) and trailers are 501 NotImplemented, S3's answer for "a header
//   you provided implies functionality that is not implemented" — a guess at what a target without
//   them answers (docs/panopto.md#upload-target says only that Panopto's target mishandles them).
// - Checksum headers (switch checksumHeaders): current AWS SDKs send a plain x-amz-checksum-crc32 (or
//   crc32c/sha1/sha256/crc64nvme) header and x-amz-sdk-checksum-algorithm on UploadPart with a plain
//   body (docs/panopto.md#upload-target). 'verify' checks the value against the body (400 BadDigest on a
//   mismatch, as S3), 'accept' takes it unchecked, 'refuse' is the old strict target (400 InvalidRequest).
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { crc32 } from 'node:zlib';
import type { ChecksumHeaderMode } from '../faults';

export interface S3Refusal {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, string>;
}

const notImplemented = (header: string): S3Refusal => ({
  status: 501,
  code: 'NotImplemented',
  message: 'A header you provided implies functionality that is not implemented.',
  extra: { Header: header },
});

/** Under strictS3 only plain, exactly sized bodies pass. */
export function encodingRefusal(req: IncomingMessage): S3Refusal | undefined {
  const h = req.headers;
  if (/aws-chunked/i.test(String(h['content-encoding'] ?? ''))) {
    return notImplemented('Content-Encoding');
  }
  if (/^STREAMING-/i.test(String(h['x-amz-content-sha256'] ?? ''))) {
    return notImplemented('x-amz-content-sha256');
  }
  if (h['x-amz-trailer'] !== undefined) {
    return notImplemented('x-amz-trailer');
  }
  if (h['content-length'] === undefined && ['POST', 'PUT'].includes(req.method ?? '')) {
    return { status: 411, code: 'MissingContentLength', message: 'You must provide the Content-Length HTTP header.' };
  }
  return undefined;
}

/** A running digest of a body, encoded as S3 writes the header value (base64 of the big-endian bytes). */
interface BodyDigest {
  update(chunk: Buffer): void;
  base64(): string;
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crcDigest(step: (crc: number, chunk: Buffer) => number): BodyDigest {
  let crc = 0;
  return {
    update: (chunk) => {
      crc = step(crc, chunk);
    },
    base64: () => {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(crc >>> 0);
      return bytes.toString('base64');
    },
  };
}

/** CRC-32C (Castagnoli), which node:zlib lacks; a table walk is fast enough for 25 MiB parts. */
export function crc32cStep(previous: number, chunk: Buffer): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < chunk.length; i++) crc = CRC32C_TABLE[(crc ^ chunk[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function hashDigest(algorithm: string): BodyDigest {
  const hash: Hash = createHash(algorithm);
  return { update: (chunk) => hash.update(chunk), base64: () => hash.digest('base64') };
}

/** Header suffix → decoded length in bytes, and a digest when the target checks it. CRC-64/NVME is taken unchecked. */
const checksumKinds: Record<string, { bytes: number; digest?: () => BodyDigest }> = {
  crc32: { bytes: 4, digest: () => crcDigest((crc, chunk) => crc32(chunk, crc)) },
  crc32c: { bytes: 4, digest: () => crcDigest(crc32cStep) },
  crc64nvme: { bytes: 8 },
  sha1: { bytes: 20, digest: () => hashDigest('sha1') },
  sha256: { bytes: 32, digest: () => hashDigest('sha256') },
};

const VALUE_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/;

function decodedLength(value: string): number | undefined {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0 ? Buffer.from(value, 'base64').length : undefined;
}

/** Checks the checksum headers of one body as it streams past; verdict() after the last chunk. */
export interface BodyChecksums {
  update(chunk: Buffer): void;
  /** undefined when every checked value matched (or none was checked). */
  verdict(): S3Refusal | undefined;
  /** What S3 echoes on success: the checksum header the client sent. */
  responseHeaders(): Record<string, string>;
}

interface Check {
  header: string;
  expected: string;
  digest?: BodyDigest;
  label: string;
}

/**
 * Refuses malformed or (under 'refuse') any checksum headers before the body is read; otherwise
 * returns what checks the body as it arrives.
 */
export function checksumsFor(req: IncomingMessage, mode: ChecksumHeaderMode): { refusal: S3Refusal } | { checksums: BodyChecksums } {
  const h = req.headers;
  const names = Object.keys(h);
  if (mode === 'refuse') {
    const found = names.find((name) => name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm');
    if (found) {
      return {
        refusal: { status: 400, code: 'InvalidRequest', message: `Checksum header ${found} is not accepted by this upload target.` },
      };
    }
  }
  const valueHeaders = names.filter((name) => VALUE_HEADER.test(name));
  if (valueHeaders.length > 1) {
    return {
      refusal: {
        status: 400,
        code: 'InvalidRequest',
        message: 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
      },
    };
  }
  const algorithm = h['x-amz-sdk-checksum-algorithm'];
  if (algorithm !== undefined && !(String(algorithm).toLowerCase() in checksumKinds)) {
    return { refusal: { status: 400, code: 'InvalidRequest', message: 'Value for x-amz-sdk-checksum-algorithm header is invalid.' } };
  }
  const checks: Check[] = [];
  for (const header of valueHeaders) {
    const kind = checksumKinds[VALUE_HEADER.exec(header)![1]];
    const expected = String(h[header]);
    if (decodedLength(expected) !== kind.bytes) {
      return { refusal: { status: 400, code: 'InvalidRequest', message: `Value for ${header} header is invalid.` } };
    }
    const label = header.slice('x-amz-checksum-'.length).toUpperCase();
    checks.push({ header, expected, label, digest: mode === 'verify' ? kind.digest?.() : undefined });
  }
  const md5 = h['content-md5'];
  if (md5 !== undefined) {
    if (decodedLength(String(md5)) !== 16) {
      return { refusal: { status: 400, code: 'InvalidDigest', message: 'The Content-MD5 you specified was invalid.' } };
    }
    checks.push({
      header: 'content-md5',
      expected: String(md5),
      label: 'Content-MD5',
      digest: mode === 'verify' ? hashDigest('md5') : undefined,
    });
  }
  return {
    checksums: {
      update(chunk) {
        for (const check of checks) check.digest?.update(chunk);
      },
      verdict() {
        const wrong = checks.find((check) => check.digest && check.digest.base64() !== check.expected);
        if (!wrong) return undefined;
        return wrong.header === 'content-md5'
          ? { status: 400, code: 'BadDigest', message: 'The Content-MD5 you specified did not match what we received.' }
          : { status: 400, code: 'BadDigest', message: `The ${wrong.label} you specified did not match the calculated checksum.` };
      },
      responseHeaders() {
        return Object.fromEntries(checks.filter((c) => c.header !== 'content-md5').map((c) => [c.header, c.expected]));
      },
    },
  };
}
