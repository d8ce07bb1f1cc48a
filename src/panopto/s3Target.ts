// The S3-style multipart client for a sessionUpload's UploadTarget (docs/panopto.md#upload-target).
// Hand-written on undici rather than the AWS SDK: Panopto's endpoint chokes on what current SDKs send
// by default (aws-chunked bodies, x-amz-checksum-* trailers, signatures), and the five calls we need
// are plain HTTP. So: exact Content-Length on every request (0 on initiate), no chunked encoding, no
// checksum headers, no Authorization (the unguessable target GUID is the capability).
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { vendor } from '../vendor/load';
import { readS3Answer, writeXmlDocument } from './xmlDocument';
import * as l10n from '@vscode/l10n';

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

export interface ListedPart extends CompletedPart {
  size: number;
}

/** Statuses and codes with which a target says it has no ListParts (S3 answers 501 NotImplemented). */
function listPartsUnsupported(error: UploadTargetError): boolean {
  return error.status === 501 || error.status === 405 || error.code === 'NotImplemented';
}

/** The target answered with a non-2xx status (or an unreadable body). */
export class UploadTargetError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'UploadTargetError';
  }
}

/** Bytes handed to the socket are reported in slices this big, so progress moves within a part. */
const PROGRESS_SLICE = 256 * 1024;

export class UploadTargetClient {
  /** @param targetUrl the sessionUpload's UploadTarget, e.g. `https://host/Panopto/Upload/{guid}` */
  constructor(
    private readonly targetUrl: string,
    private readonly dispatcher?: Dispatcher,
  ) {}

  objectUrl(fileName: string): string {
    return `${this.targetUrl.replace(/\/+$/, '')}/${encodeURIComponent(fileName)}`;
  }

  async initiate(fileName: string, signal?: AbortSignal): Promise<string> {
    const body = await this.send('POST', `${this.objectUrl(fileName)}?uploads`, Buffer.alloc(0), signal, 'initiate');
    const parsed = this.parse(body) as { InitiateMultipartUploadResult?: { UploadId?: unknown } };
    const uploadId = parsed.InitiateMultipartUploadResult?.UploadId;
    if (typeof uploadId !== 'string' || !uploadId) {
      throw new UploadTargetError(l10n.t('The upload target did not return an UploadId for {0}.', fileName), 200);
    }
    return uploadId;
  }

  /**
   * Sends one part. `onSent` reports bytes as they are handed to the connection (so progress moves
   * during a long part); the caller must discount them if the part fails and is retried.
   */
  async uploadPart(
    fileName: string,
    uploadId: string,
    partNumber: number,
    data: Buffer,
    signal?: AbortSignal,
    onSent?: (bytes: number) => void,
  ): Promise<string> {
    const url = `${this.objectUrl(fileName)}?partNumber=${partNumber}&uploadId=${encodeURIComponent(uploadId)}`;
    const { headers } = await this.exchange('PUT', url, data, signal, `part ${partNumber}`, onSent);
    const etag = headers.etag;
    if (typeof etag !== 'string' || !etag) {
      throw new UploadTargetError(l10n.t('The upload target returned no ETag for part {0}.', partNumber), 200);
    }
    return etag;
  }

  async complete(fileName: string, uploadId: string, parts: CompletedPart[], signal?: AbortSignal): Promise<void> {
    const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    const doc = writeXmlDocument(
      { CompleteMultipartUpload: { Part: sorted.map((part) => ({ PartNumber: String(part.partNumber), ETag: part.etag })) } },
      { pretty: false },
    );
    const url = `${this.objectUrl(fileName)}?uploadId=${encodeURIComponent(uploadId)}`;
    const body = await this.send('POST', url, Buffer.from(doc, 'utf8'), signal, 'complete');
    // S3 may answer 200 with an <Error> body on complete; treat that as the failure it is.
    const parsed = this.parse(body) as { Error?: { Code?: string; Message?: string } };
    if (parsed.Error) {
      throw new UploadTargetError(
        l10n.t('Completing the upload of {0} failed: {1}', fileName, parsed.Error.Message ?? parsed.Error.Code ?? ''),
        200,
        parsed.Error.Code,
      );
    }
  }

  /**
   * ListParts: the parts the target holds for this multipart upload, or `undefined` when the target
   * does not support ListParts. A gone upload rejects with 404 NoSuchUpload.
   */
  async listParts(fileName: string, uploadId: string, signal?: AbortSignal): Promise<ListedPart[] | undefined> {
    const parts: ListedPart[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 100; page++) {
      const url =
        `${this.objectUrl(fileName)}?uploadId=${encodeURIComponent(uploadId)}` +
        (marker ? `&part-number-marker=${encodeURIComponent(marker)}` : '');
      let body: string;
      try {
        body = await this.send('GET', url, undefined, signal, 'list parts');
      } catch (error) {
        if (error instanceof UploadTargetError && listPartsUnsupported(error)) {
          return undefined;
        }
        throw error;
      }
      const result = (this.parse(body) as { ListPartsResult?: ListPartsAnswer }).ListPartsResult;
      if (!result) {
        throw new UploadTargetError(l10n.t('The upload target answered ListParts without a ListPartsResult.'), 200);
      }
      const listed = result.Part === undefined ? [] : Array.isArray(result.Part) ? result.Part : [result.Part];
      for (const part of listed) {
        const partNumber = Number(part.PartNumber);
        if (Number.isInteger(partNumber) && typeof part.ETag === 'string' && part.ETag) {
          parts.push({ partNumber, etag: part.ETag, size: Number(part.Size) });
        }
      }
      if (result.IsTruncated !== 'true' || !result.NextPartNumberMarker) {
        return parts;
      }
      marker = result.NextPartNumberMarker;
    }
    return parts;
  }

  async abort(fileName: string, uploadId: string, signal?: AbortSignal): Promise<void> {
    const url = `${this.objectUrl(fileName)}?uploadId=${encodeURIComponent(uploadId)}`;
    await this.send('DELETE', url, Buffer.alloc(0), signal, 'abort');
  }

  /** PutObject: one request for a small file such as the manifest. */
  async putObject(fileName: string, data: Buffer, signal?: AbortSignal): Promise<void> {
    await this.send('PUT', this.objectUrl(fileName), data, signal, 'put');
  }

  private async send(
    method: Dispatcher.HttpMethod,
    url: string,
    data: Buffer | undefined,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<string> {
    return (await this.exchange(method, url, data, signal, what)).body;
  }

  private async exchange(
    method: Dispatcher.HttpMethod,
    url: string,
    data: Buffer | undefined,
    signal: AbortSignal | undefined,
    what: string,
    onSent?: (bytes: number) => void,
  ): Promise<{ body: string; headers: Record<string, string | string[] | undefined> }> {
    // An explicit Content-Length makes undici send exactly that many bytes, never chunked, even for a stream body.
    const res = await vendor().request(url, {
      method,
      headers: data ? { 'content-length': String(data.length) } : {},
      body: data && onSent ? sliced(data, onSent) : data,
      signal,
      dispatcher: this.dispatcher,
    });
    const body = await res.body.text();
    if (res.statusCode < 200 || res.statusCode > 299) {
      let code: string | undefined;
      let detail = '';
      try {
        const err = (this.parse(body) as { Error?: { Code?: string; Message?: string } }).Error;
        code = err?.Code;
        detail = err?.Message ?? err?.Code ?? '';
      } catch {
        // not XML: the status alone has to do
      }
      throw new UploadTargetError(
        detail
          ? l10n.t('The upload target refused the {0} request: HTTP {1}, {2}', what, res.statusCode, detail)
          : l10n.t('The upload target refused the {0} request: HTTP {1}', what, res.statusCode),
        res.statusCode,
        code,
      );
    }
    return { body, headers: res.headers };
  }

  private parse(body: string): Record<string, unknown> {
    if (!body.trim()) {
      return {};
    }
    return readS3Answer(body);
  }
}

interface ListPartsAnswer {
  Part?: ListedPartAnswer | ListedPartAnswer[];
  IsTruncated?: string;
  NextPartNumberMarker?: string;
}

interface ListedPartAnswer {
  PartNumber?: string;
  ETag?: string;
  Size?: string;
}

function sliced(data: Buffer, onSent: (bytes: number) => void): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < data.length; offset += PROGRESS_SLICE) {
        const slice = data.subarray(offset, Math.min(offset + PROGRESS_SLICE, data.length));
        onSent(slice.length);
        yield slice;
      }
    })(),
    { objectMode: false },
  );
}
