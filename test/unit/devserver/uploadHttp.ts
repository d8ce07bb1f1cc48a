// Raw HTTP for the upload API tests (node:http, so headers such as Transfer-Encoding are exactly
// what a test says, and a dropped connection shows as an error rather than being retried).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawOptions {
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send without Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
}

export function raw(method: string, url: string, options: RawOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (!options.chunked) headers['content-length'] = String(body?.length ?? 0);
    // A fresh connection per request (no keep-alive pool), so one test's dropped socket never meets another's request.
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.chunked && body) {
      // Two writes without Content-Length: node sends Transfer-Encoding: chunked.
      req.write(body.subarray(0, 1));
      req.end(body.subarray(1));
    } else {
      req.end(body);
    }
  });
}
