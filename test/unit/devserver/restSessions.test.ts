// Contract tests over real HTTP: a session's details, renaming, describing, moving and deleting it,
// per user (docs/panopto.md#changing-folders-and-sessions), and its thumbnail.
import assert from 'node:assert/strict';
import { SEED_PATHS, folderIdFor } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { apiErrorOf, GUID_SHAPE, useRestContract, type WireSession } from './restClient';

const UNKNOWN = '11111111-2222-4333-8444-555555555555';
const SORTING = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 3 – Lecture: Sorting algorithms');
const WEEK1_LECTURE = sessionIdFor(SEED_PATHS.week1, 'Lecture 1 – Hello, world');

describe('dev server REST v1: sessions', () => {
  const { server, rest, tokens } = useRestContract();

  const names = (sessions: WireSession[]) => sessions.map((s) => s.Name);

  it('gives the creator every URL of a session and a viewer only the viewer, caption and thumbnail URLs', async () => {
    const full = await rest.expect<WireSession>(200, 'GET', `/sessions/${WEEK1_LECTURE}`, tokens.ada);
    const base = server().baseUrl;
    assert.match(full.Id, GUID_SHAPE);
    assert.equal(full.Name, 'Lecture 1 – Hello, world');
    assert.equal(full.Folder, folderIdFor(SEED_PATHS.week1));
    assert.deepEqual(full.FolderDetails, { Id: folderIdFor(SEED_PATHS.week1), Name: 'Week 1 – Getting started' });
    assert.equal(full.CreatedBy?.Username, 'ada');
    assert.ok(Number.isFinite(Date.parse(full.StartTime)) && full.Duration > 0);
    assert.deepEqual(Object.keys(full.Urls).sort(), [
      'AudioDescriptionDownloadUrl',
      'CaptionDownloadUrl',
      'DownloadUrl',
      'EditorUrl',
      'EmbedUrl',
      'ShareSettingsUrl',
      'ThumbnailUrl',
      'ViewerUrl',
    ]);
    assert.equal(full.Urls.ViewerUrl, `${base}/Panopto/Pages/Viewer.aspx?id=${WEEK1_LECTURE}`);
    assert.equal(full.Urls.EmbedUrl, `${base}/Panopto/Pages/Embed.aspx?id=${WEEK1_LECTURE}`);
    assert.equal(full.Urls.CaptionDownloadUrl, `${base}/Panopto/Pages/Transcription/GenerateSRT.ashx?id=${WEEK1_LECTURE}`);
    for (const key of ['DownloadUrl', 'EditorUrl', 'ShareSettingsUrl', 'ThumbnailUrl']) assert.ok(full.Urls[key]?.startsWith(base), key);

    const asViewer = await rest.expect<WireSession>(200, 'GET', `/sessions/${WEEK1_LECTURE}`, tokens.grace);
    assert.equal(asViewer.Urls.ViewerUrl, full.Urls.ViewerUrl);
    assert.equal(asViewer.Urls.CaptionDownloadUrl, full.Urls.CaptionDownloadUrl);
    assert.equal(asViewer.Urls.ThumbnailUrl, full.Urls.ThumbnailUrl);
    for (const key of ['EmbedUrl', 'ShareSettingsUrl', 'DownloadUrl', 'EditorUrl', 'AudioDescriptionDownloadUrl']) {
      assert.equal(asViewer.Urls[key], null, key);
    }
  });

  it('has no CaptionDownloadUrl for a session without captions, unless restCaptionUrlAlways', async () => {
    const id = sessionIdFor(SEED_PATHS.week1, 'Lecture 2 – Running Python');
    assert.equal((await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, tokens.ada)).Urls.CaptionDownloadUrl, null);
    server().switches.restCaptionUrlAlways = true;
    assert.ok((await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, tokens.ada)).Urls.CaptionDownloadUrl);
  });

  it('serves each session a PNG thumbnail of its own at ThumbnailUrl, without sign-in', async () => {
    const urls = await Promise.all(
      [WEEK1_LECTURE, SORTING].map(
        async (id) => (await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, tokens.ada)).Urls.ThumbnailUrl!,
      ),
    );
    const images = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'image/png');
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    for (const png of images) {
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [160, 90]);
    }
    assert.notDeepEqual(images[0], images[1]);
    const missing = await fetch(urls[0].replace(WEEK1_LECTURE, UNKNOWN));
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
  });

  it('renames and describes a session with a partial body; the listing shows it', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 1 – Lecture: Asymptotic notation');
    const renamed = await rest.expect<WireSession>(200, 'PUT', `/sessions/${id}`, tokens.ada, { Name: 'Week 1 – Lecture: Big-O' });
    assert.equal(renamed.Name, 'Week 1 – Lecture: Big-O');
    assert.equal(renamed.Description, 'Big-O, Big-Omega and Big-Theta; how to compare running times.', 'untouched');
    const described = await rest.expect<WireSession>(200, 'PUT', `/sessions/${id}`, tokens.ada, { Description: 'Now with slides.' });
    assert.equal(described.Name, 'Week 1 – Lecture: Big-O');
    assert.equal(described.Description, 'Now with slides.');
    const listed = await rest.list<WireSession>(`/folders/${folderIdFor(SEED_PATHS.comp202Lectures)}/sessions`, tokens.ada);
    assert.ok(names(listed).includes('Week 1 – Lecture: Big-O'));
    assert.ok(!names(listed).includes('Week 1 – Lecture: Asymptotic notation'));
  });

  it('moves a session to another folder: the old folder no longer lists it, the new one does', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Tutorials, 'Week 3 – Tutorial: Quicksort by hand');
    const from = folderIdFor(SEED_PATHS.comp202Tutorials);
    const to = folderIdFor(SEED_PATHS.comp202Lectures);
    const moved = await rest.expect<WireSession>(200, 'PUT', `/sessions/${id}`, tokens.ada, { Folder: to.toUpperCase() });
    assert.equal(moved.Folder, to);
    assert.deepEqual(moved.FolderDetails, { Id: to, Name: 'Lectures' });
    assert.ok(!(await rest.list<WireSession>(`/folders/${from}/sessions`, tokens.ada)).some((s) => s.Id === id));
    assert.ok((await rest.list<WireSession>(`/folders/${to}/sessions`, tokens.ada)).some((s) => s.Id === id));
    assert.equal((await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, tokens.ada)).Folder, to);
  });

  it('deletes a session: 200 with its id as a JSON string, then 404', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Tutorials, 'Week 5 – Tutorial: Knapsack & friends');
    assert.equal(await rest.expect<string>(200, 'DELETE', `/sessions/${id}`, tokens.ada), id);
    await apiErrorOf(await rest.call('GET', `/sessions/${id}`, tokens.ada), 404);
    await apiErrorOf(await rest.call('DELETE', `/sessions/${id}`, tokens.ada), 404);
    assert.ok(
      !(await rest.list<WireSession>(`/folders/${folderIdFor(SEED_PATHS.comp202Tutorials)}/sessions`, tokens.ada)).some((s) => s.Id === id),
    );
  });

  it('refuses a viewer every change with 403 and an APIError, and changes nothing', async () => {
    const before = await rest.expect<WireSession>(200, 'GET', `/sessions/${WEEK1_LECTURE}`, tokens.grace);
    const ownFolder = folderIdFor(SEED_PATHS.graceNotes);
    for (const [method, body] of [
      ['PUT', { Name: 'Mine now' }],
      ['PUT', { Folder: ownFolder }],
      ['DELETE', undefined],
    ] as const) {
      const message = await apiErrorOf(await rest.call(method, `/sessions/${WEEK1_LECTURE}`, tokens.grace, body), 403);
      assert.match(message, /permission/);
    }
    assert.deepEqual(await rest.expect<WireSession>(200, 'GET', `/sessions/${WEEK1_LECTURE}`, tokens.grace), before);
  });

  it('answers a refused change as the restChangeDenied switch says (403 or 401 without a body)', async () => {
    for (const [mode, status] of [
      ['403empty', 403],
      ['401empty', 401],
    ] as const) {
      server().switches.restChangeDenied = mode;
      const response = await rest.call('PUT', `/sessions/${WEEK1_LECTURE}`, tokens.grace, { Name: 'x' });
      assert.equal(response.status, status);
      assert.equal(await response.text(), '');
    }
  });

  it("refuses to move a session into a folder where the user may not create (403), even the creator's own session", async () => {
    const own = sessionIdFor(SEED_PATHS.graceNotes, 'Seminar 2 – Lexing and parsing');
    await apiErrorOf(await rest.call('PUT', `/sessions/${own}`, tokens.grace, { Folder: folderIdFor(SEED_PATHS.etudes) }), 403);
    const renamed = await rest.expect<WireSession>(200, 'PUT', `/sessions/${own}`, tokens.grace, { Name: 'Seminar 2 – Lexers' });
    assert.equal(renamed.Name, 'Seminar 2 – Lexers', 'she may change what is in her own folder');
  });

  it('answers 404 with an APIError for an unknown session and 400 for a malformed id', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const message = await apiErrorOf(
        await rest.call(method, `/sessions/${UNKNOWN}`, tokens.ada, method === 'PUT' ? { Name: 'x' } : undefined),
        404,
      );
      assert.match(message, /not found/);
    }
    await apiErrorOf(await rest.call('GET', '/sessions/not-a-guid', tokens.ada), 400);
  });

  it('answers 400 with an APIError for bad bodies and leaves the session as it was', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 5 – Lecture: Dynamic programming');
    const before = await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, tokens.ada);
    const bad: unknown[] = [
      { Name: '' },
      { Name: '   ' },
      { Name: 42 },
      { Description: ['x'] },
      { Folder: 'not-a-guid' },
      { Folder: UNKNOWN },
      { Folder: '00000000-0000-0000-0000-000000000000' },
      [{ Name: 'an array' }],
      'a string',
    ];
    for (const body of bad) {
      await apiErrorOf(await rest.call('PUT', `/sessions/${id}`, tokens.ada, body), 400);
    }
    const notJson = await fetch(`${server().baseUrl}/Panopto/api/v1/sessions/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens.ada}`, 'content-type': 'application/json' },
      body: '{"Name": ',
    });
    await apiErrorOf(notJson, 400);
    const notJsonType = await fetch(`${server().baseUrl}/Panopto/api/v1/sessions/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens.ada}`, 'content-type': 'text/plain' },
      body: '{"Name":"x"}',
    });
    await apiErrorOf(notJsonType, 415);
    assert.deepEqual(await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, tokens.ada), before);
  });

  it('answers 401 with an empty body to a change without a valid token', async () => {
    const response = await rest.call('DELETE', `/sessions/${WEEK1_LECTURE}`, 'not-a-token');
    assert.equal(response.status, 401);
    assert.equal(await response.text(), '');
  });

  it('counts changes per route and method in the stats', async () => {
    await fetch(`${server().baseUrl}/__dev/stats/reset`, { method: 'POST' });
    await (await rest.call('PUT', `/sessions/${UNKNOWN}`, tokens.ada, { Name: 'x' })).arrayBuffer();
    await (await rest.call('PATCH', `/sessions/${UNKNOWN}`, tokens.ada, { Name: 'x' })).arrayBuffer();
    const stats = (await (await fetch(`${server().baseUrl}/__dev/stats`)).json()) as { restRequests: Record<string, number> };
    assert.deepEqual(stats.restRequests, { 'PUT /sessions/{id}': 1, 'PATCH /sessions/{id}': 1 });
  });
});
