// The dev server's upload API as docs/panopto.md#upload describes it, probed with raw HTTP (node:http,
// so headers such as Transfer-Encoding are exactly what the test says).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { folderIdFor, SEED_PATHS } from '../../../devserver/seedFolders';
import type { SessionUploadObject, UploadsSnapshot } from '../../../devserver/upload/store';
import { signInOverHttp, startTestDevServer, type DevServer } from '../../support/devServer';
import { raw, type Answer } from './uploadHttp';

const UCS = 'http://tempuri.org/UniversalCaptureSpecification/v1';
const COMP101 = folderIdFor(SEED_PATHS.comp101);
const ADA_ONLY = folderIdFor(SEED_PATHS.maths);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function manifest(title: string, videoInner: string, namespace = UCS): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Session xmlns="${namespace}"><Title>${title}</Title><Videos><Video>${videoInner}</Video></Videos></Session>`;
}

const goodVideo = (file: string) => `<Start>PT0S</Start><File>${file}</File><Type>Primary</Type>`;

describe('dev server upload API (docs/panopto.md#upload)', function () {
  this.timeout(30_000);
  let server: DevServer;
  let ada: string;
  let grace: string;

  before(async () => {
    server = await startTestDevServer({ switches: { processingDelayMs: 10 } });
    ada = (await signInOverHttp(server, { user: 'ada', scope: 'openid api' })).accessToken;
    grace = (await signInOverHttp(server, { user: 'grace', scope: 'openid api' })).accessToken;
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => {
    Object.assign(server.switches, { strictS3: true, maxPartSizeBytes: 25 * 1024 * 1024, sessionUpload403: 0, processingDelayMs: 10 });
  });

  const api = () => `${server.baseUrl}/Panopto/PublicAPI/REST/sessionUpload`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  async function create(token = ada, folderId = COMP101): Promise<SessionUploadObject> {
    const res = await raw('POST', api(), { headers: bearer(token), body: JSON.stringify({ FolderId: folderId }) });
    assert.equal(res.status, 201, res.text);
    return JSON.parse(res.text) as SessionUploadObject;
  }

  async function initiate(target: string, file: string): Promise<string> {
    const res = await raw('POST', `${target}/${encodeURIComponent(file)}?uploads`);
    assert.equal(res.status, 200, res.text);
    const id = /<UploadId>([^<]+)<\/UploadId>/.exec(res.text)?.[1];
    assert.ok(id, res.text);
    return id;
  }

  async function snapshot(): Promise<UploadsSnapshot> {
    return (await fetch(`${server.baseUrl}/__dev/uploads`)).json() as Promise<UploadsSnapshot>;
  }

  async function finish(upload: SessionUploadObject): Promise<Answer> {
    return raw('PUT', `${api()}/${upload.ID}`, { headers: bearer(ada), body: JSON.stringify({ ...upload, State: 1 }) });
  }

  async function terminal(upload: SessionUploadObject): Promise<SessionUploadObject> {
    for (let i = 0; i < 200; i++) {
      const res = await raw('GET', `${api()}/${upload.ID}`, { headers: bearer(ada) });
      const object = JSON.parse(res.text) as SessionUploadObject;
      if ([2, 4, 5, 7, 8].includes(object.State)) return object;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('never reached a terminal state');
  }

  async function putFile(target: string, name: string, content: string | Buffer): Promise<Answer> {
    return raw('PUT', `${target}/${encodeURIComponent(name)}`, { body: content });
  }

  it('creates with 201, Panopto casing, an integer State and a target GUID different from ID; GET returns it', async () => {
    const res = await raw('POST', api(), { headers: bearer(ada), body: JSON.stringify({ FolderId: COMP101 }) });
    assert.equal(res.status, 201);
    const upload = JSON.parse(res.text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(upload).sort(), ['FolderId', 'ID', 'Message', 'MessageID', 'SessionId', 'State', 'UploadTarget']);
    assert.equal(upload.State, 0);
    assert.equal(upload.SessionId, null);
    assert.equal(upload.FolderId, COMP101);
    assert.match(String(upload.ID), GUID);
    const targetGuid = /\/Panopto\/Upload\/([^/]+)$/.exec(String(upload.UploadTarget))?.[1];
    assert.match(targetGuid ?? '', GUID);
    assert.notEqual(targetGuid, upload.ID);
    assert.ok(String(upload.UploadTarget).startsWith(server.baseUrl));
    const got = await raw('GET', `${api()}/${String(upload.ID)}`, { headers: bearer(ada) });
    assert.equal(got.status, 200);
    assert.deepEqual(JSON.parse(got.text), upload);
  });

  it('answers 403 (not 401) without a valid token, and for the sessionUpload403 switch; 404/400/403 for bad folders', async () => {
    const none = await raw('POST', api(), { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ FolderId: COMP101 }) });
    assert.equal(none.status, 403);
    assert.equal(none.text, '');
    assert.equal((await raw('POST', api(), { headers: bearer('not-a-token'), body: JSON.stringify({ FolderId: COMP101 }) })).status, 403);
    server.switches.sessionUpload403 = 1;
    assert.equal((await raw('POST', api(), { headers: bearer(ada), body: JSON.stringify({ FolderId: COMP101 }) })).status, 403);
    assert.equal((await raw('POST', api(), { headers: bearer(ada), body: JSON.stringify({ FolderId: COMP101 }) })).status, 201);
    const unknown = await raw('POST', api(), {
      headers: bearer(ada),
      body: JSON.stringify({ FolderId: '11111111-2222-4333-8444-555555555555' }),
    });
    assert.equal(unknown.status, 404);
    assert.equal((JSON.parse(unknown.text) as { Error: { Success: boolean } }).Error.Success, false);
    assert.equal((await raw('POST', api(), { headers: bearer(ada), body: '{"FolderId":"nope"}' })).status, 400);
    assert.equal((await raw('POST', api(), { headers: bearer(grace), body: JSON.stringify({ FolderId: ADA_ONLY }) })).status, 403);
    const adas = await create(ada);
    assert.equal((await raw('GET', `${api()}/${adas.ID}`, { headers: bearer(grace) })).status, 403);
  });

  it('takes multipart uploads numbered from 0 or 1, ignores Authorization, tolerates &quot; ETags, and stores the exact bytes', async () => {
    const upload = await create();
    const uploadId = await initiate(upload.UploadTarget, 'clip.mp4');
    const parts = [Buffer.alloc(300_000, 1), Buffer.alloc(1_000, 2)];
    const etags: string[] = [];
    for (const [i, data] of parts.entries()) {
      const res = await raw('PUT', `${upload.UploadTarget}/clip.mp4?partNumber=${i}&uploadId=${uploadId}`, {
        body: data,
        headers: { authorization: 'Bearer whatever-the-sdk-sends' },
      });
      assert.equal(res.status, 200);
      assert.match(String(res.headers.etag), /^"[0-9a-f]{32}"$/);
      etags.push(String(res.headers.etag));
    }
    let open = (await snapshot()).openMultipartUploads.find((m) => m.uploadId === uploadId);
    assert.deepEqual(open?.parts, [0, 1]);
    const body =
      '<CompleteMultipartUpload>' +
      etags.map((e, i) => `<Part><PartNumber>${i}</PartNumber><ETag>${e.replace(/"/g, '&quot;')}</ETag></Part>`).join('') +
      '</CompleteMultipartUpload>';
    const done = await raw('POST', `${upload.UploadTarget}/clip.mp4?uploadId=${uploadId}`, { body });
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /<CompleteMultipartUploadResult/);
    const snap = await snapshot();
    open = snap.openMultipartUploads.find((m) => m.uploadId === uploadId);
    assert.equal(open, undefined);
    const stored = snap.files.find((f) => f.sessionUploadId === upload.ID && f.name === 'clip.mp4');
    assert.equal(stored?.sha256, createHash('sha256').update(Buffer.concat(parts)).digest('hex'));
  });

  it('refuses a wrong ETag, parts out of order, an oversized part, an unknown uploadId, and aborts on DELETE', async () => {
    const upload = await create();
    const uploadId = await initiate(upload.UploadTarget, 'a.mp4');
    const url = (q: string) => `${upload.UploadTarget}/a.mp4?${q}`;
    const p1 = await raw('PUT', url(`partNumber=1&uploadId=${uploadId}`), { body: 'one' });
    const p2 = await raw('PUT', url(`partNumber=2&uploadId=${uploadId}`), { body: 'two' });
    const list = (items: [number, string][]) =>
      `<CompleteMultipartUpload>${items.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const wrong = await raw('POST', url(`uploadId=${uploadId}`), { body: list([[1, '"00000000000000000000000000000000"']]) });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /<Code>InvalidPart<\/Code>/);
    const order = await raw('POST', url(`uploadId=${uploadId}`), {
      body: list([
        [2, String(p2.headers.etag)],
        [1, String(p1.headers.etag)],
      ]),
    });
    assert.match(order.text, /<Code>InvalidPartOrder<\/Code>/);
    server.switches.maxPartSizeBytes = 1024;
    const big = await raw('PUT', url(`partNumber=3&uploadId=${uploadId}`), { body: Buffer.alloc(2048) });
    assert.equal(big.status, 400);
    assert.match(big.text, /EntityTooLarge/);
    assert.match((await raw('PUT', url('partNumber=1&uploadId=nope'), { body: 'x' })).text, /NoSuchUpload/);
    assert.equal((await raw('DELETE', url(`uploadId=${uploadId}`))).status, 204);
    assert.equal(
      (await snapshot()).openMultipartUploads.some((m) => m.uploadId === uploadId),
      false,
    );
    assert.equal((await raw('POST', `${server.baseUrl}/Panopto/Upload/00000000-0000-4000-8000-000000000000/x.mp4?uploads`)).status, 404);
  });

  it('strictS3 refuses chunked and aws-chunked bodies; switched off, a chunked part is accepted', async () => {
    const upload = await create();
    const uploadId = await initiate(upload.UploadTarget, 'b.mp4');
    const part = `${upload.UploadTarget}/b.mp4?partNumber=1&uploadId=${uploadId}`;
    const chunked = await raw('PUT', part, { body: 'chunky', chunked: true });
    assert.equal(chunked.status, 411);
    assert.match(chunked.text, /<Code>MissingContentLength<\/Code>/);
    const awsChunked = await raw('PUT', part, { body: 'data', headers: { 'content-encoding': 'aws-chunked' } });
    assert.equal(awsChunked.status, 501);
    assert.match(awsChunked.text, /<Code>NotImplemented<\/Code>/);
    assert.equal((await raw('PUT', part, { body: 'plain' })).status, 200);
    server.switches.strictS3 = false;
    assert.equal((await raw('PUT', part, { body: 'chunky', chunked: true })).status, 200);
  });

  it('processes a good upload 1 → 3 → 4 into a session visible through REST v1', async () => {
    const upload = await create();
    assert.equal((await putFile(upload.UploadTarget, 'talk.mp4', Buffer.alloc(5000, 7))).status, 200);
    assert.equal((await putFile(upload.UploadTarget, 'm.xml', manifest('Talk &amp; more', goodVideo('talk.mp4')))).status, 200);
    const partial = await raw('PUT', `${api()}/${upload.ID}`, { headers: bearer(ada), body: JSON.stringify({ State: 1 }) });
    assert.equal(partial.status, 400, 'the whole object must be PUT back');
    const notOne = await raw('PUT', `${api()}/${upload.ID}`, { headers: bearer(ada), body: JSON.stringify({ ...upload, State: 4 }) });
    assert.equal(notOne.status, 400);
    assert.equal((await finish(upload)).status, 200);
    const done = await terminal(upload);
    assert.equal(done.State, 4, String(done.Message));
    assert.match(done.SessionId ?? '', GUID);
    const session = await raw('GET', `${server.baseUrl}/Panopto/api/v1/sessions/${done.SessionId}`, { headers: bearer(ada) });
    assert.equal(session.status, 200);
    const json = JSON.parse(session.text) as { Name: string; Folder: string };
    assert.equal(json.Name, 'Talk & more');
    assert.equal(json.Folder, COMP101);
    assert.equal((await putFile(upload.UploadTarget, 'late.mp4', 'x')).status, 403, 'a finished upload takes no more files');
  });

  for (const [label, files, expected] of [
    [
      'the wrong namespace',
      { 'v.mp4': 'x', 'm.xml': manifest('T', goodVideo('v.mp4'), 'http://panopto.com/PanoptoSession/v1') },
      /namespace/,
    ],
    ['no Title', { 'v.mp4': 'x', 'm.xml': manifest('', goodVideo('v.mp4')) }, /Title/],
    [
      'Video children out of order',
      { 'v.mp4': 'x', 'm.xml': manifest('T', '<File>v.mp4</File><Start>PT0S</Start><Type>Primary</Type>') },
      /out of order/,
    ],
    ['a referenced file that was not uploaded', { 'm.xml': manifest('T', goodVideo('missing.mp4')) }, /missing\.mp4 .*not uploaded/],
    ['no manifest', { 'v.mp4': 'x' }, /No manifest/],
    ['XML that is not well-formed', { 'v.mp4': 'x', 'm.xml': '<Session><Title>T</Session>' }, /not well-formed/],
  ] as const) {
    it(`ends in ProcessingError (5) with a Message for ${label}`, async () => {
      const upload = await create();
      for (const [name, content] of Object.entries(files)) {
        assert.equal((await putFile(upload.UploadTarget, name, content)).status, 200);
      }
      assert.equal((await finish(upload)).status, 200);
      const done = await terminal(upload);
      assert.equal(done.State, 5);
      assert.match(done.Message ?? '', expected);
      assert.equal(done.SessionId, null);
    });
  }

  it('reports a media file whose multipart upload was never completed', async () => {
    const upload = await create();
    const uploadId = await initiate(upload.UploadTarget, 'half.mp4');
    await raw('PUT', `${upload.UploadTarget}/half.mp4?partNumber=1&uploadId=${uploadId}`, { body: 'part' });
    await putFile(upload.UploadTarget, 'm.xml', manifest('T', goodVideo('half.mp4')));
    await finish(upload);
    const done = await terminal(upload);
    assert.equal(done.State, 5);
    assert.match(done.Message ?? '', /half\.mp4 .*not completely uploaded/);
  });

  it('DELETE cancels: State 2, the files and open multipart uploads are dropped, the target refuses more', async () => {
    const upload = await create();
    await initiate(upload.UploadTarget, 'c.mp4');
    await putFile(upload.UploadTarget, 'd.mp4', 'data');
    const del = await raw('DELETE', `${api()}/${upload.ID}`, { headers: bearer(ada) });
    assert.equal(del.status, 200);
    assert.equal((JSON.parse(del.text) as SessionUploadObject).State, 2);
    const snap = await snapshot();
    const guid = upload.UploadTarget.split('/').pop();
    assert.equal(
      snap.openMultipartUploads.some((m) => m.target === guid),
      false,
    );
    assert.equal(
      snap.files.some((f) => f.target === guid),
      false,
    );
    assert.equal((await putFile(upload.UploadTarget, 'e.mp4', 'x')).status, 403);
  });
});
