// Small parsers of the upload target's requests: the CompleteMultipartUpload body, ETags and keys.
import type { IncomingMessage } from 'node:http';
import { XMLParser } from 'fast-xml-parser';

/** An ETag as listed by a client: quoted, unquoted or with &quot; (Panopto's JS sample escapes them, docs/panopto.md#upload-target). */
export function unquote(etag: string): string {
  return etag.replace(/&quot;/g, '"').replace(/^"|"$/g, '');
}

export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The whole body, or undefined when it is larger than `limit`. */
export async function readSmallBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
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

const completeParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'Part',
});

export function parseCompleteBody(body: string): { partNumber: number; etag: string }[] | undefined {
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
