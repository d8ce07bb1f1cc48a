// What the upload API's answers and callers can slip into a request: an id that is no GUID (`..`
// walks up a path segment), an UploadTarget or ViewerUrl on another scheme or site. Served by a
// small HTTP server that answers like a compromised or confused site would.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessSource } from '../../../src/panopto/access';
import { PanoptoClient } from '../../../src/panopto/client';
import { PanoptoMalformedResponseError } from '../../../src/panopto/errors';
import { FolderService } from '../../../src/panopto/folders';
import { PanoptoInputError } from '../../../src/panopto/serviceErrors';
import { SessionUploadApi } from '../../../src/panopto/sessionUpload';
import { FAST_RETRY } from '../../support/testAccess';

const FOLDER = '11111111-2222-4333-8444-555555555555';
const UPLOAD = '66666666-7777-4888-8999-aaaaaaaaaaaa';

interface FakeSite {
  baseUrl: string;
  paths: string[];
  /** The UploadTarget and ViewerUrl the next answers carry. */
  uploadTarget: string;
  viewerUrl: string;
  close(): Promise<void>;
}

async function startFakeSite(): Promise<FakeSite> {
  const site = { paths: [] as string[], uploadTarget: '', viewerUrl: '' };
  const server: Server = createServer((req, res) => {
    site.paths.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/Panopto/api/v1/sessions/')) {
      res.end(JSON.stringify({ Id: UPLOAD, Name: 'Lecture', Folder: FOLDER, Urls: { ViewerUrl: site.viewerUrl } }));
      return;
    }
    res.end(JSON.stringify({ ID: UPLOAD, FolderId: FOLDER, UploadTarget: site.uploadTarget, State: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(site, {
    baseUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

describe('hardening: server URLs', () => {
  let site: FakeSite;
  let api: SessionUploadApi;
  before(async () => {
    site = await startFakeSite();
    const access: AccessSource = { getAccess: () => Promise.resolve({ serverUrl: site.baseUrl, accessToken: 'test-access-token' }) };
    api = new SessionUploadApi(new PanoptoClient({ access, retry: FAST_RETRY }));
  });
  after(() => site.close());

  for (const target of ['javascript:alert(1)', 'file:///etc/passwd', 'https://elsewhere.example/Panopto/Upload/x', 'ftp://127.0.0.1/x']) {
    it(`refuses an UploadTarget off the signed-in site: ${target}`, async () => {
      site.uploadTarget = target;
      await assert.rejects(api.create(FOLDER), PanoptoMalformedResponseError);
      await assert.rejects(api.get(UPLOAD), PanoptoMalformedResponseError);
    });
  }

  it('accepts an UploadTarget on the site', async () => {
    site.uploadTarget = `${site.baseUrl}/Panopto/Upload/${UPLOAD}`;
    assert.equal((await api.create(FOLDER)).UploadTarget, site.uploadTarget);
  });

  it("drops a ViewerUrl that is not on the site (it is opened in the user's browser)", async () => {
    site.viewerUrl = 'javascript:alert(document.cookie)';
    assert.equal((await api.session(UPLOAD)).Urls?.ViewerUrl, undefined);
    site.viewerUrl = `${site.baseUrl}/Panopto/Pages/Viewer.aspx?id=${UPLOAD}`;
    assert.equal((await api.session(UPLOAD)).Urls?.ViewerUrl, site.viewerUrl);
  });
});

describe('hardening: ids in paths', () => {
  let site: FakeSite;
  let client: PanoptoClient;
  before(async () => {
    site = await startFakeSite();
    const access: AccessSource = { getAccess: () => Promise.resolve({ serverUrl: site.baseUrl, accessToken: 'test-access-token' }) };
    client = new PanoptoClient({ access, retry: FAST_RETRY });
  });
  after(() => site.close());

  it('an id of `..` (or anything not a GUID) is refused before any request is sent', async () => {
    site.paths.length = 0;
    const uploads = new SessionUploadApi(client);
    const folders = new FolderService(client);
    for (const id of ['..', '.', `${UPLOAD}/..`, `../${UPLOAD}`, '%2e%2e', `${UPLOAD}?x=1`]) {
      await assert.rejects(uploads.get(id), PanoptoInputError, `get(${id})`);
      await assert.rejects(uploads.cancel(id), PanoptoInputError, `cancel(${id})`);
      await assert.rejects(uploads.session(id), PanoptoInputError, `session(${id})`);
      await assert.rejects(uploads.create(id), PanoptoInputError, `create(${id})`);
      await assert.rejects(folders.getFolder(id), PanoptoInputError, `getFolder(${id})`);
    }
    assert.deepEqual(site.paths, []);
  });
});
