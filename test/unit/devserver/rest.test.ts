// The dev server's REST v1 against docs/panopto.md#rest-v1-folders-and-sessions, over real HTTP with real tokens.
import assert from 'node:assert/strict';
import { restSwitchDefaults, signInOverHttp, useTestDevServer } from '../../support/devServer';
import { SEED_PATHS, SEED_SIZES, ZERO_GUID, folderIdFor } from '../../../devserver/seedFolders';

const SCOPE = 'openid api offline_access';

interface WireFolder {
  Id: string;
  Name: string;
  Description: string | null;
  ParentFolder: { Id: string; Name: string } | null;
  Urls: { FolderUrl: string };
}

describe('dev server REST v1', () => {
  const server = useTestDevServer();
  let ada: string;
  let grace: string;

  before(async () => {
    ada = (await signInOverHttp(server(), { user: 'ada', scope: SCOPE })).accessToken;
    grace = (await signInOverHttp(server(), { user: 'grace', scope: SCOPE })).accessToken;
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  async function get(path: string, token?: string): Promise<Response> {
    return fetch(`${server().baseUrl}/Panopto/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  async function results(path: string, token: string): Promise<WireFolder[]> {
    const response = await get(path, token);
    assert.equal(response.status, 200, `${path} answered ${response.status}`);
    const body = (await response.json()) as { Results: WireFolder[] };
    assert.ok(Array.isArray(body.Results), 'wrapped in { Results }');
    return body.Results;
  }

  it('answers 401 with an empty body without a token or with an unknown one', async () => {
    for (const token of [undefined, 'not-a-real-token']) {
      const response = await get(`/folders/${ZERO_GUID}/children`, token);
      assert.equal(response.status, 401);
      assert.equal(await response.text(), '');
    }
  });

  it('lists the top level under the zero GUID, per user, with ParentFolder null and Panopto URLs', async () => {
    const adaTop = await results(`/folders/${ZERO_GUID}/children`, ada);
    const graceTop = await results(`/folders/${ZERO_GUID}/children`, grace);
    const names = (list: WireFolder[]) => list.map((f) => f.Name);
    assert.ok(names(adaTop).includes(SEED_PATHS.maths));
    assert.ok(!names(graceTop).includes(SEED_PATHS.maths));
    assert.ok(names(graceTop).includes(SEED_PATHS.graceNotes));
    assert.ok(!names(adaTop).includes(SEED_PATHS.graceNotes));
    for (const folder of adaTop) {
      assert.equal(folder.ParentFolder, null);
      assert.match(folder.Id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(folder.Urls.FolderUrl, `${server().baseUrl}/Panopto/Pages/Sessions/List.aspx#folderID=%22${folder.Id}%22`);
    }
    assert.deepEqual(
      names(adaTop),
      [...names(adaTop)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
  });

  it('pages from 0 with the configured size and ends with an empty Results', async () => {
    const id = folderIdFor(SEED_PATHS.lectureArchive);
    const sizes: number[] = [];
    const ids = new Set<string>();
    for (let page = 0; page < 10; page++) {
      const list = await results(`/folders/${id}/children?pageNumber=${page}`, ada);
      sizes.push(list.length);
      list.forEach((f) => ids.add(f.Id));
      if (list.length === 0) break;
    }
    assert.deepEqual(sizes, [50, 50, 30, 0]);
    assert.equal(ids.size, SEED_SIZES.lectureArchiveChildren);

    server().switches.pageSize = 7;
    assert.equal((await results(`/folders/${id}/children?pageNumber=0`, ada)).length, 7);
    const desc = await results(`/folders/${id}/children?pageNumber=0&sortField=Name&sortOrder=Desc`, ada);
    assert.equal(desc[0].Name, 'Lecture 130');
  });

  it('has folders three levels deep with their parent named', async () => {
    const week1 = await results(`/folders/${folderIdFor(SEED_PATHS.week1)}/children`, grace);
    assert.deepEqual(
      week1.map((f) => f.Name),
      ['Lab recordings'],
    );
    assert.deepEqual(week1[0].ParentFolder, { Id: folderIdFor(SEED_PATHS.week1), Name: 'Week 1 – Getting started' });
    const response = await get(`/folders/${folderIdFor(SEED_PATHS.labRecordings)}`, grace);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as WireFolder).Name, 'Lab recordings');
  });

  it('answers 403 empty for a folder the user may not see, 404 APIError for an unknown one, 400 for bad parameters', async () => {
    const forbidden = await get(`/folders/${folderIdFor(SEED_PATHS.maths)}/children`, grace);
    assert.equal(forbidden.status, 403);
    assert.equal(await forbidden.text(), '');

    const missing = await get('/folders/11111111-2222-4333-8444-555555555555', ada);
    assert.equal(missing.status, 404);
    const error = (await missing.json()) as { Error: { Success: boolean; Message: string } };
    assert.equal(error.Error.Success, false);
    assert.match(error.Error.Message, /not found/);

    assert.equal((await get(`/folders/${ZERO_GUID}/children?sortField=Relevance`, ada)).status, 400);
    assert.equal((await get('/folders/search', ada)).status, 400);
  });

  it('searches ignoring case and accents, only among visible folders', async () => {
    const hits = await results('/folders/search?searchQuery=etudes', grace);
    assert.deepEqual(
      hits.map((f) => f.Name),
      [SEED_PATHS.etudes],
    );
    assert.deepEqual(
      (await results('/folders/search?searchQuery=algorithms', grace)).map((f) => f.Name),
      [],
    );
    assert.deepEqual(
      (await results('/folders/search?searchQuery=algorithms', ada)).map((f) => f.Name),
      ['COMP202 Algorithms'],
    );
  });

  it("lists a folder's sessions without CreatedBy and with only ViewerUrl; /sessions/{id} is complete", async () => {
    const response = await get(`/folders/${folderIdFor(SEED_PATHS.week1)}/sessions`, ada);
    const list = ((await response.json()) as { Results: Array<Record<string, unknown>> }).Results;
    assert.equal(list.length, 3);
    const first = list[0];
    assert.equal(first.CreatedBy, undefined);
    assert.deepEqual(Object.keys(first.Urls as object), ['ViewerUrl']);
    assert.equal(first.Folder, folderIdFor(SEED_PATHS.week1));

    const full = (await (await get(`/sessions/${String(first.Id)}`, ada)).json()) as Record<string, unknown>;
    assert.equal((full.CreatedBy as { Username: string }).Username, 'ada');
    assert.ok((full.Urls as Record<string, unknown>).CaptionDownloadUrl);
  });

  it('injects a counted 429 with Retry-After, then answers normally', async () => {
    Object.assign(server().switches, { restFailCount: 2, restRetryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const response = await get(`/folders/${ZERO_GUID}/children`, ada);
      assert.equal(response.status, 429);
      assert.equal(response.headers.get('retry-after'), '3');
      await response.arrayBuffer();
    }
    assert.equal((await get(`/folders/${ZERO_GUID}/children`, ada)).status, 200);
  });

  it('counts REST requests per route in the stats, faults included, until reset', async () => {
    await fetch(`${server().baseUrl}/__dev/stats/reset`, { method: 'POST' });
    server().switches.restFailCount = 1;
    await (await get(`/folders/${ZERO_GUID}/children`, ada)).arrayBuffer();
    await (await get(`/folders/${ZERO_GUID}/children`, ada)).arrayBuffer();
    await (await get(`/sessions/${ZERO_GUID}`)).arrayBuffer();
    const stats = (await (await fetch(`${server().baseUrl}/__dev/stats`)).json()) as { restRequests: Record<string, number> };
    assert.deepEqual(stats.restRequests, { 'GET /folders/{id}/children': 2, 'GET /sessions/{id}': 1 });
  });

  it('has persistent fault modes: 500 HTML page, malformed JSON, HTML sign-in page, endless paging, limited only to a path', async () => {
    const top = `/folders/${ZERO_GUID}/children`;
    server().switches.restFaultMode = 'error500';
    const failed = await get(top, ada);
    assert.equal(failed.status, 500);
    assert.match(await failed.text(), /Server Error/);

    server().switches.restFaultMode = 'malformedJson';
    const malformed = await get(top, ada);
    assert.equal(malformed.status, 200);
    const text = await malformed.text();
    assert.throws(() => JSON.parse(text));

    server().switches.restFaultMode = 'html';
    const html = await get(top, ada);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    await html.arrayBuffer();

    server().switches.restFaultMode = 'endlessPaging';
    assert.ok((await results(`${top}?pageNumber=999`, ada)).length > 0);

    server().switches.restFaultPath = '/sessions';
    assert.equal((await results(`${top}?pageNumber=999`, ada)).length, 0, 'faults apply only to matching paths');
  });

  it('treats a token as expired after restTokenRequestLimit requests', async () => {
    const token = (await signInOverHttp(server(), { user: 'ada', scope: SCOPE })).accessToken;
    server().switches.restTokenRequestLimit = 2;
    assert.equal((await get(`/folders/${ZERO_GUID}/children`, token)).status, 200);
    assert.equal((await get(`/folders/${ZERO_GUID}/children`, token)).status, 200);
    const expired = await get(`/folders/${ZERO_GUID}/children`, token);
    assert.equal(expired.status, 401);
    assert.equal(await expired.text(), '');
  });
});
