// Streams a part or object body to disk, never whole in memory, while measuring it: size, MD5 (the
// ETag), SHA-256 (for GET /__dev/uploads), the client's checksum headers — and applying the
// connection faults: a drop after K bytes, and an outage that stalls or resets the body mid-way.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Switches } from '../switches';
import type { UploadOutage } from './connectionFaults';
import type { BodyChecksums } from './s3Headers';

export interface ReceiveOptions {
  path: string;
  switches: Switches;
  outage: UploadOutage;
  checksums: BodyChecksums;
  /** Bodies longer than this fail with 'tooLarge'. */
  maxBytes?: number;
  /** Destroy the connection once more than this many bytes arrived. */
  dropAfterBytes?: number;
}

export type Received = { ok: true; size: number; md5Hex: string; sha256Hex: string } | { ok: false; reason: 'tooLarge' | 'lost' };

/** Writes the body to `path`; on failure nothing is left there. 'lost' = the connection went (dropped, reset, or the client left). */
export async function receiveBody(req: IncomingMessage, options: ReceiveOptions): Promise<Received> {
  const { switches, outage, checksums, maxBytes, dropAfterBytes } = options;
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  let size = 0;
  let tooLarge = false;
  const meter = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      size += chunk.length;
      if (maxBytes !== undefined && size > maxBytes) {
        tooLarge = true;
        return done(new Error('body too large'));
      }
      if (dropAfterBytes !== undefined && size > dropAfterBytes) {
        // A connection lost mid-body: the client sees a reset, nothing is stored.
        req.socket.destroy();
        return done(new Error('connection dropped by switch'));
      }
      const take = () => {
        md5.update(chunk);
        sha256.update(chunk);
        checksums.update(chunk);
        done(null, chunk);
      };
      if (outage.remaining(switches) <= 0) return take();
      // The outage began mid-body: stop reading (the client's sending stalls) until it ends, or reset.
      outage.pass(req, switches).then(
        (alive) => (alive ? take() : done(new Error('connection lost in an outage'))),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  try {
    await pipeline(req, meter, createWriteStream(options.path));
  } catch {
    await rm(options.path, { force: true });
    return { ok: false, reason: tooLarge ? 'tooLarge' : 'lost' };
  }
  return { ok: true, size, md5Hex: md5.digest('hex'), sha256Hex: sha256.digest('hex') };
}
