// S3-style XML answers of the upload target. Values are escaped: keys are user-chosen file names.
// Result documents carry S3's namespace; `<Error>` documents carry none, as S3 sends them (clients
// match the root tag `Error`; see the example under "Error responses" in the Amazon S3 API reference,
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** An element's content: text, or child elements in order (an array value repeats the element). */
export type XmlFields = { [name: string]: string | XmlFields | XmlFields[] };

function render(fields: XmlFields): string {
  return Object.entries(fields)
    .map(([name, value]) => {
      const items = Array.isArray(value) ? value : [value];
      return items.map((item) => `<${name}>${typeof item === 'string' ? escapeXml(item) : render(item)}</${name}>`).join('');
    })
    .join('');
}

/** `<Root xmlns="…S3…"><K>V</K>…</Root>` with a declaration, the way S3 answers a request that worked. */
export function xmlDocument(root: string, fields: XmlFields): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${render(fields)}</${root}>`;
}

/** S3's error document: root `Error`, no namespace. */
export function errorDocument(code: string, message: string, extra: Record<string, string> = {}): string {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${render({ Code: code, Message: message, ...extra, RequestId: requestId })}</Error>`;
}

export function sendXml(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(bytes.length), ...headers });
  res.end(bytes);
}

/** An S3 `<Error>` document. `close` ends the connection too, for errors raised before the body was read. */
export function sendS3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  close = false,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  sendXml(res, status, errorDocument(code, message, extra), close ? { connection: 'close' } : {});
}
