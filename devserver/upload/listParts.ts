// ListParts (`GET {file}?uploadId=X`): the parts of an open multipart upload as S3's
// ListPartsResult, paged by part-number-marker / max-parts (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html).
// A client resuming an upload uses it to learn which parts already arrived. The switch listParts
// off answers 501 NotImplemented instead — a guess at a target that does not support it.
import type { ServerResponse } from 'node:http';
import type { OpenMultipart, UploadTargetRecord } from './store';
import { sendS3Error, sendXml, xmlDocument, type XmlFields } from './xmlReply';

const MAX_PARTS = 1000;

/** x-amz-checksum-crc32 → ChecksumCRC32, as ListParts names them. */
const checksumElements: Record<string, string> = {
  'x-amz-checksum-crc32': 'ChecksumCRC32',
  'x-amz-checksum-crc32c': 'ChecksumCRC32C',
  'x-amz-checksum-crc64nvme': 'ChecksumCRC64NVME',
  'x-amz-checksum-sha1': 'ChecksumSHA1',
  'x-amz-checksum-sha256': 'ChecksumSHA256',
};

function wholeNumber(text: string | null): number | undefined {
  if (text === null) return undefined;
  return /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

export function listParts(res: ServerResponse, target: UploadTargetRecord, mp: OpenMultipart, query: URLSearchParams): void {
  const maxParts = wholeNumber(query.get('max-parts'));
  if (Number.isNaN(maxParts)) {
    return sendS3Error(res, 400, 'InvalidArgument', 'Provided max-parts not an integer or within integer range', false, {
      ArgumentName: 'max-parts',
    });
  }
  const marker = wholeNumber(query.get('part-number-marker'));
  if (Number.isNaN(marker)) {
    return sendS3Error(res, 400, 'InvalidArgument', 'Provided part-number-marker not an integer or within integer range', false, {
      ArgumentName: 'part-number-marker',
    });
  }
  const limit = Math.min(maxParts ?? MAX_PARTS, MAX_PARTS);
  // Without a marker every part is listed, part 0 included (pypanopto numbers from 0).
  const after = [...mp.parts.keys()].filter((n) => marker === undefined || n > marker).sort((a, b) => a - b);
  const page = after.slice(0, limit);
  const parts: XmlFields[] = page.map((n) => {
    const part = mp.parts.get(n)!;
    const checksums = Object.fromEntries(
      Object.entries(part.checksums).flatMap(([header, value]) => (checksumElements[header] ? [[checksumElements[header], value]] : [])),
    );
    return { PartNumber: String(n), LastModified: part.lastModified, ETag: part.etag, Size: String(part.size), ...checksums };
  });
  const owner = { ID: 'panopto-dev', DisplayName: 'panopto-dev' };
  sendXml(
    res,
    200,
    xmlDocument('ListPartsResult', {
      Bucket: 'Upload',
      Key: `${target.guid}/${mp.fileName}`,
      UploadId: mp.uploadId,
      Initiator: owner,
      Owner: owner,
      StorageClass: 'STANDARD',
      PartNumberMarker: String(marker ?? 0),
      NextPartNumberMarker: String(page.length ? page[page.length - 1] : (marker ?? 0)),
      MaxParts: String(limit),
      IsTruncated: String(after.length > page.length),
      Part: parts,
    }),
  );
}
