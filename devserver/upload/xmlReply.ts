// S3-style XML answers of the upload target. Values are escaped: keys are user-chosen file names.
import type { ServerResponse } from 'node:http';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** `<Root><K>V</K>…</Root>` with a declaration, the way S3 answers. */
export function xmlDocument(root: string, fields: Record<string, string>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</${root}>`;
}

export function sendXml(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(bytes.length), ...headers });
  res.end(bytes);
}

/** An S3 `<Error>` document. `close` ends the connection too, for errors raised before the body was read. */
export function sendS3Error(res: ServerResponse, status: number, code: string, message: string, close = false): void {
  sendXml(res, status, xmlDocument('Error', { Code: code, Message: message }), close ? { connection: 'close' } : {});
}
