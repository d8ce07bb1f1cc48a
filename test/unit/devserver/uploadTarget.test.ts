// The dev server's S3-compatible upload target beyond the basic calls (upload.test.ts): what current
// S3 clients send (checksum headers), ListParts, expiry of unfinished uploads, dropped connections
// and an outage — each a switch — over real HTTP.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { folderIdFor, SEED_PATHS } from '../../../devserver/seedFolders';
import { defaultSwitches, switchesFromEnv } from '../../../devserver/switches';
import { crc32cStep } from '../../../devserver/upload/s3Headers';
import type { SessionUploadObject, UploadsSnapshot } from '../../../devserver/upload/store';
import { signInOverHttp, startTestDevServer, type DevServer } from '../../support/devServer';
import { raw, type Answer } from './uploadHttp';

const COMP101 = folderIdFor(SEED_PATHS.comp101);
const NINE = '123456789'; // the check input of CRC catalogues: CRC-32 0xCBF43926, CRC-32C 0xE3069283
const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const uploadSwitchNames = Object.keys(defaultSwitches()).filter((k) => /S3|checksum|listParts|upload|drop|processing|maxPart/i.test(k));

describe('dev server upload target: S3 clients, ListParts, expiry, dropped connections, outages', function () {
  this.timeout(30_000);
  let server: DevServer;
  let token: string;

  before(async () => {
    server = await startTestDevServer({ switches: { processingDelayMs: 10 } });
    token = (await signInOverHttp(server, { user: 'ada', scope: 'openid api' })).accessToken;
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => {
    const defaults = defaultSwitches() as unknown as Record<string, unknown>;
    Object.assign(server.switches, Object.fromEntries(uploadSwitchNames.map((k) => [k, defaults[k]])), { processingDelayMs: 10 });
  });

  const api = () => `${server.baseUrl}/Panopto/PublicAPI/REST/sessionUpload`;
  const bearer = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  async function create(): Promise<SessionUploadObject> {
    const res = await raw('POST', api(), { headers: bearer(), body: JSON.stringify({ FolderId: COMP101 }) });
    assert.equal(res.status, 201, res.text);
    return JSON.parse(res.text) as SessionUploadObject;
  }

  async function openPartUpload(
    file = 'v.mp4',
  ): Promise<{ upload: SessionUploadObject; part: (n: number) => string; object: string; uploadId: string }> {
    const upload = await create();
    const object = `${upload.UploadTarget}/${file}`;
    const init = await raw('POST', `${object}?uploads`);
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1];
    assert.ok(uploadId, init.text);
    return { upload, object, uploadId, part: (n) => `${object}?partNumber=${n}&uploadId=${uploadId}` };
  }

  async function state(upload: SessionUploadObject): Promise<SessionUploadObject> {
    return JSON.parse((await raw('GET', `${api()}/${upload.ID}`, { headers: bearer() })).text) as SessionUploadObject;
  }

  async function snapshot(): Promise<UploadsSnapshot> {
    return (await fetch(`${server.baseUrl}/__dev/uploads`)).json() as Promise<UploadsSnapshot>;
  }

  async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
    for (let i = 0; i < 500; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`never: ${what}`);
  }

  /** An S3 error document: root Error, no namespace, the expected code. */
  function assertS3Error(answer: Answer, status: number, code: string): void {
    assert.equal(answer.status, status, answer.text);
    assert.match(answer.text, /^<\?xml[^>]*\?>\s*<Error><Code>/, answer.text);
    assert.doesNotMatch(answer.text, /xmlns/);
    assert.match(answer.text, new RegExp(`<Code>${code}</Code>`));
  }

  describe('checksum headers (what current AWS SDKs send on UploadPart)', () => {
    it('CRC-32C matches the catalogue check value', () => {
      assert.equal(crc32cStep(0, Buffer.from(NINE)), 0xe3069283);
      assert.equal(crc32cStep(crc32cStep(0, Buffer.from('1234')), Buffer.from('56789')), 0xe3069283, 'streamed in pieces');
    });

    for (const [header, value] of [
      ['x-amz-checksum-crc32', b64('cbf43926')],
      ['x-amz-checksum-crc32c', b64('e3069283')],
      ['x-amz-checksum-sha1', createHash('sha1').update(NINE).digest('base64')],
      ['x-amz-checksum-sha256', createHash('sha256').update(NINE).digest('base64')],
      ['x-amz-checksum-crc64nvme', b64('ae8b14860a799888')],
    ] as const) {
      it(`accepts a right ${header} with x-amz-sdk-checksum-algorithm and echoes it`, async () => {
        const { part } = await openPartUpload();
        const algorithm = header.slice('x-amz-checksum-'.length).toUpperCase();
        const res = await raw('PUT', part(1), { body: NINE, headers: { [header]: value, 'x-amz-sdk-checksum-algorithm': algorithm } });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers[header], value);
        assert.equal(res.headers.etag, `"${createHash('md5').update(NINE).digest('hex')}"`);
      });
    }

    it('refuses a wrong CRC-32, CRC-32C, SHA-256 or Content-MD5 with 400 BadDigest and stores nothing', async () => {
      const { part, uploadId } = await openPartUpload();
      const wrong: Record<string, string>[] = [
        { 'x-amz-checksum-crc32': b64('cbf43927') },
        { 'x-amz-checksum-crc32c': b64('cbf43926') },
        { 'x-amz-checksum-sha256': createHash('sha256').update('other').digest('base64') },
        { 'content-md5': createHash('md5').update('other').digest('base64') },
      ];
      for (const headers of wrong) {
        assertS3Error(await raw('PUT', part(1), { body: NINE, headers }), 400, 'BadDigest');
      }
      assert.deepEqual((await snapshot()).openMultipartUploads.find((m) => m.uploadId === uploadId)?.parts, []);
    });

    it('refuses a malformed value and two checksum headers at once with 400 InvalidRequest', async () => {
      const { part } = await openPartUpload();
      assertS3Error(await raw('PUT', part(1), { body: NINE, headers: { 'x-amz-checksum-crc32': 'not base64!' } }), 400, 'InvalidRequest');
      assertS3Error(
        await raw('PUT', part(1), {
          body: NINE,
          headers: { 'x-amz-checksum-crc32': b64('cbf43926'), 'x-amz-checksum-crc32c': b64('e3069283') },
        }),
        400,
        'InvalidRequest',
      );
      assertS3Error(await raw('PUT', part(1), { body: NINE, headers: { 'x-amz-sdk-checksum-algorithm': 'MD4' } }), 400, 'InvalidRequest');
    });

    it("checksumHeaders 'accept' takes a wrong value unchecked; 'refuse' refuses any checksum header, naming it", async () => {
      const { part } = await openPartUpload();
      server.switches.checksumHeaders = 'accept';
      assert.equal((await raw('PUT', part(1), { body: NINE, headers: { 'x-amz-checksum-crc32': b64('00000000') } })).status, 200);
      server.switches.checksumHeaders = 'refuse';
      const refused = await raw('PUT', part(2), { body: NINE, headers: { 'x-amz-checksum-crc32': b64('cbf43926') } });
      assertS3Error(refused, 400, 'InvalidRequest');
      assert.match(refused.text, /x-amz-checksum-crc32/);
      assertS3Error(await raw('PUT', part(2), { body: NINE, headers: { 'x-amz-sdk-checksum-algorithm': 'CRC32' } }), 400, 'InvalidRequest');
      assert.equal((await raw('PUT', part(2), { body: NINE })).status, 200, 'a plain part still passes');
    });

    it('verifies a checksum on a single PUT (PutObject) too', async () => {
      const upload = await create();
      const object = `${upload.UploadTarget}/m.xml`;
      assertS3Error(await raw('PUT', object, { body: NINE, headers: { 'x-amz-checksum-crc32': b64('00000000') } }), 400, 'BadDigest');
      const ok = await raw('PUT', object, { body: NINE, headers: { 'x-amz-checksum-crc32': b64('cbf43926') } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(
        (await snapshot()).files.find((f) => f.sessionUploadId === upload.ID)?.sha256,
        createHash('sha256').update(NINE).digest('hex'),
      );
    });

    it('refuses aws-chunked, streaming-signed bodies and trailers with 501 NotImplemented, even with Content-Length', async () => {
      const { part } = await openPartUpload();
      const unsupported: Record<string, string>[] = [
        { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '9' },
        { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' },
        { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' },
        { 'x-amz-trailer': 'x-amz-checksum-crc32' },
      ];
      for (const headers of unsupported) {
        const res = await raw('PUT', part(1), { body: NINE, headers });
        assertS3Error(res, 501, 'NotImplemented');
        assert.match(res.text, /<Header>/);
      }
    });
  });

  it('writes every error without a namespace and every result with S3’s', async () => {
    const { upload, part, object, uploadId } = await openPartUpload();
    const errors: [Answer, number, string][] = [
      [await raw('PUT', `${server.baseUrl}/Panopto/Upload/00000000-0000-4000-8000-000000000000/x.mp4?uploads`), 404, 'NoSuchBucket'],
      [await raw('PUT', `${object}?partNumber=1&uploadId=nope`, { body: 'x' }), 404, 'NoSuchUpload'],
      [await raw('PUT', `${object}?partNumber=x&uploadId=${uploadId}`, { body: 'x' }), 400, 'InvalidArgument'],
      [await raw('POST', `${object}?uploadId=${uploadId}`, { body: '<nope' }), 400, 'MalformedXML'],
      [
        await raw('POST', `${object}?uploadId=${uploadId}`, {
          body: '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>',
        }),
        400,
        'InvalidPart',
      ],
      [await raw('GET', object), 405, 'MethodNotAllowed'],
      [await raw('PUT', part(1), { body: 'chunky', chunked: true }), 411, 'MissingContentLength'],
    ];
    server.switches.maxPartSizeBytes = 4;
    errors.push([await raw('PUT', part(1), { body: NINE }), 400, 'EntityTooLarge']);
    server.switches.maxPartSizeBytes = defaultSwitches().maxPartSizeBytes;
    await raw('DELETE', `${api()}/${upload.ID}`, { headers: bearer() });
    errors.push([await raw('PUT', object, { body: 'late' }), 403, 'AccessDenied']);
    for (const [answer, status, code] of errors) assertS3Error(answer, status, code);
    const init = await raw('POST', `${(await create()).UploadTarget}/y.mp4?uploads`);
    assert.match(init.text, /<InitiateMultipartUploadResult xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/);
  });

  describe('ListParts', () => {
    it('lists PartNumber, ETag and Size in order, pages with max-parts and part-number-marker', async () => {
      const { part, object, uploadId } = await openPartUpload();
      // Sent out of order, part 2 twice (the second replaces the first), part 1 with a checksum.
      const bodies = new Map([
        [2, 'second try'],
        [3, 'three'],
        [1, NINE],
      ]);
      assert.equal((await raw('PUT', part(2), { body: 'first try' })).status, 200);
      for (const n of [3, 2]) assert.equal((await raw('PUT', part(n), { body: bodies.get(n) })).status, 200);
      assert.equal((await raw('PUT', part(1), { body: NINE, headers: { 'x-amz-checksum-crc32': b64('cbf43926') } })).status, 200);

      const all = await raw('GET', `${object}?uploadId=${uploadId}`);
      assert.equal(all.status, 200, all.text);
      assert.match(all.text, /^<\?xml[^>]*\?>\s*<ListPartsResult xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/);
      assert.match(all.text, new RegExp(`<UploadId>${uploadId}</UploadId>`));
      assert.match(all.text, /<IsTruncated>false<\/IsTruncated>/);
      const parts = [
        ...all.text.matchAll(
          /<Part><PartNumber>(\d+)<\/PartNumber><LastModified>[^<]+<\/LastModified><ETag>([^<]+)<\/ETag><Size>(\d+)<\/Size>(.*?)<\/Part>/g,
        ),
      ];
      assert.deepEqual(
        parts.map((m) => [Number(m[1]), m[2], Number(m[3])]),
        [1, 2, 3].map((n) => [
          n,
          `&quot;${createHash('md5').update(bodies.get(n)!).digest('hex')}&quot;`,
          Buffer.byteLength(bodies.get(n)!),
        ]),
      );
      assert.equal(parts[0][4], `<ChecksumCRC32>${b64('cbf43926')}</ChecksumCRC32>`);

      const first = await raw('GET', `${object}?uploadId=${uploadId}&max-parts=2`);
      assert.match(first.text, /<IsTruncated>true<\/IsTruncated>/);
      assert.match(first.text, /<NextPartNumberMarker>2<\/NextPartNumberMarker>/);
      assert.deepEqual(
        [...first.text.matchAll(/<PartNumber>(\d+)</g)].map((m) => m[1]),
        ['1', '2'],
      );
      const rest = await raw('GET', `${object}?uploadId=${uploadId}&max-parts=2&part-number-marker=2`);
      assert.match(rest.text, /<IsTruncated>false<\/IsTruncated>/);
      assert.deepEqual(
        [...rest.text.matchAll(/<PartNumber>(\d+)</g)].map((m) => m[1]),
        ['3'],
      );
    });

    it('answers NoSuchUpload for an unknown id, InvalidArgument for a bad max-parts', async () => {
      const { object, uploadId } = await openPartUpload();
      assertS3Error(await raw('GET', `${object}?uploadId=nope`), 404, 'NoSuchUpload');
      assertS3Error(await raw('GET', `${object}?uploadId=${uploadId}&max-parts=lots`), 400, 'InvalidArgument');
    });

    it('listParts off answers 501 NotImplemented', async () => {
      const { object, uploadId } = await openPartUpload();
      server.switches.listParts = false;
      assertS3Error(await raw('GET', `${object}?uploadId=${uploadId}`), 501, 'NotImplemented');
    });
  });

  describe('expiry of unfinished uploads (uploadExpiryMs)', () => {
    it('goes to State 6 then 7, drops the parts, and refuses its upload id with 404 NoSuchUpload', async () => {
      const { upload, part, object, uploadId } = await openPartUpload();
      assert.equal((await raw('PUT', part(1), { body: 'one' })).status, 200);
      server.switches.processingDelayMs = 200;
      server.switches.uploadExpiryMs = 100;
      await until('the upload expired', async () => (await state(upload)).State !== 0);
      const expired = await state(upload);
      assert.equal(expired.State, 6);
      assert.match(expired.Message ?? '', /expired/);
      assertS3Error(await raw('PUT', part(2), { body: 'two' }), 404, 'NoSuchUpload');
      assertS3Error(await raw('GET', `${object}?uploadId=${uploadId}`), 404, 'NoSuchUpload');
      assertS3Error(await raw('POST', `${object}?uploadId=${uploadId}`, { body: '<CompleteMultipartUpload/>' }), 404, 'NoSuchUpload');
      assertS3Error(await raw('POST', `${object}?uploads`), 403, 'AccessDenied');
      assert.equal(
        (await snapshot()).openMultipartUploads.some((m) => m.uploadId === uploadId),
        false,
      );
      const finish = await raw('PUT', `${api()}/${upload.ID}`, { headers: bearer(), body: JSON.stringify({ ...upload, State: 1 }) });
      assert.equal(finish.status, 400);
      await until('the files are deleted', async () => (await state(upload)).State === 7);
      assert.equal((await snapshot()).sessionUploads.find((u) => u.ID === upload.ID)?.State, 7);
    });

    it('0 (the default) never expires an upload', async () => {
      const { upload, part } = await openPartUpload();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal((await raw('PUT', part(1), { body: 'one' })).status, 200);
      assert.equal((await state(upload)).State, 0);
    });
  });

  describe('dropped connections', () => {
    it('dropConnectionOnPart + dropConnectionAfterBytes: the Nth part loses its connection after K bytes, once, and nothing is stored', async () => {
      const { part, uploadId } = await openPartUpload();
      Object.assign(server.switches, { dropConnectionOnPart: 2, dropConnectionAfterBytes: 1000 });
      assert.equal((await raw('PUT', part(1), { body: Buffer.alloc(5000, 1) })).status, 200);
      await assert.rejects(raw('PUT', part(2), { body: Buffer.alloc(5000, 2) }), /ECONNRESET|socket hang up|EPIPE/);
      assert.equal(server.switches.dropConnectionOnPart, 0, 'fired once');
      assert.deepEqual((await snapshot()).openMultipartUploads.find((m) => m.uploadId === uploadId)?.parts, [1]);
      assert.equal((await raw('PUT', part(2), { body: Buffer.alloc(5000, 2) })).status, 200, 'the retry works');
    });

    it('a part no longer than K arrives whole and is stored, but its answer is lost', async () => {
      const { part, uploadId } = await openPartUpload();
      Object.assign(server.switches, { dropConnectionOnPart: 1, dropConnectionAfterBytes: 10_000 });
      await assert.rejects(raw('PUT', part(1), { body: Buffer.alloc(5000, 1) }), /ECONNRESET|socket hang up|EPIPE/);
      assert.deepEqual((await snapshot()).openMultipartUploads.find((m) => m.uploadId === uploadId)?.parts, [1]);
    });

    it('dropPartProbability with dropPartSeed drops the same part PUTs on every run', async () => {
      async function run(): Promise<boolean[]> {
        const { part } = await openPartUpload();
        // A new seed starts a new sequence; going back to 42 restarts it.
        Object.assign(server.switches, { dropPartSeed: 7, dropPartProbability: 0.5 });
        await raw('PUT', part(1), { body: 'warm-up' }).catch(() => undefined);
        Object.assign(server.switches, { dropPartSeed: 42 });
        const dropped: boolean[] = [];
        for (let n = 1; n <= 12; n++) {
          dropped.push(
            await raw('PUT', part(n), { body: Buffer.alloc(2000, n) }).then(
              () => false,
              () => true,
            ),
          );
        }
        return dropped;
      }
      const first = await run();
      assert.deepEqual(await run(), first);
      assert.ok(first.includes(true) && first.includes(false), `both outcomes at p = 0.5: ${first.join(',')}`);
    });
  });

  describe('an outage (uploadOutageMs), set over the admin endpoint mid-upload', () => {
    async function setSwitches(patch: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${server.baseUrl}/__dev/switches`, { method: 'POST', body: JSON.stringify(patch) });
      assert.equal(res.status, 200, await res.text());
    }

    it("'hang': a part being sent stalls and finishes after the outage with the right bytes; a new request is answered only after it", async () => {
      const { upload, part, uploadId } = await openPartUpload();
      const body = Buffer.alloc(200_000, 9);
      const targetRequests = (await snapshot()).targetRequests;
      let outageOverWhenAnswered: boolean | undefined;
      const req = httpRequest(part(1), { method: 'PUT', headers: { 'content-length': String(body.length) }, agent: false });
      const answered = new Promise<Answer>((resolve, reject) => {
        req.on('response', (res) => {
          outageOverWhenAnswered = server.switches.uploadOutageMs === 0;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
      });
      await new Promise<void>((resolve) => req.write(body.subarray(0, 100_000), () => resolve()));
      await until('the target is receiving the part', async () => (await snapshot()).targetRequests > targetRequests);
      await setSwitches({ uploadOutageMs: 1000 });
      const meanwhile = raw('GET', `${api()}/${upload.ID}`, { headers: bearer() }).then((answer) => ({
        answer,
        over: server.switches.uploadOutageMs === 0,
      }));
      await new Promise<void>((resolve) => req.end(body.subarray(100_000), () => resolve()));
      await new Promise((r) => setTimeout(r, 100));
      const during = (await snapshot()).openMultipartUploads.find((m) => m.uploadId === uploadId)?.parts;
      if (server.switches.uploadOutageMs !== 0) {
        // (Only while the outage lasts, which a very slow machine could outrun.)
        assert.deepEqual(during, [], 'the rest of the body is not taken in during the outage');
      }
      const result = await answered;
      assert.equal(result.status, 200, result.text);
      assert.equal(outageOverWhenAnswered, true, 'the part was answered after the outage ended');
      assert.equal(result.headers.etag, `"${createHash('md5').update(body).digest('hex')}"`);
      const other = await meanwhile;
      assert.equal(other.answer.status, 200);
      assert.equal(other.over, true, 'a request sent during the outage was answered after it');
      assert.deepEqual((await snapshot()).openMultipartUploads.find((m) => m.uploadId === uploadId)?.parts, [1]);
    });

    it("'reset': requests during the outage lose their connection; afterwards service is normal", async () => {
      const { part } = await openPartUpload();
      await setSwitches({ uploadOutageMode: 'reset', uploadOutageMs: 300 });
      await assert.rejects(raw('PUT', part(1), { body: 'one' }), /ECONNRESET|socket hang up|EPIPE/);
      await until('the outage ended', () => server.switches.uploadOutageMs === 0);
      assert.equal((await raw('PUT', part(1), { body: 'one' })).status, 200);
    });
  });

  it('reads the new upload switches from PANOPTO_DEV_* and refuses bad values, naming them', () => {
    assert.deepEqual(
      switchesFromEnv({
        PANOPTO_DEV_CHECKSUM_HEADERS: 'refuse',
        PANOPTO_DEV_LIST_PARTS: 'off',
        PANOPTO_DEV_UPLOAD_EXPIRY_MS: '60000',
        PANOPTO_DEV_DROP_PART_PROBABILITY: '0.25',
        PANOPTO_DEV_UPLOAD_OUTAGE_MODE: 'reset',
      }),
      { checksumHeaders: 'refuse', listParts: false, uploadExpiryMs: 60000, dropPartProbability: 0.25, uploadOutageMode: 'reset' },
    );
    assert.throws(() => switchesFromEnv({ PANOPTO_DEV_CHECKSUM_HEADERS: 'sometimes' }), /checksumHeaders/);
    assert.throws(() => switchesFromEnv({ PANOPTO_DEV_DROP_PART_PROBABILITY: '2' }), /dropPartProbability/);
  });
});
