// SessionService against the dev server over HTTP: listing, search, details, changes, delete and the
// embed code, as the instructor (ada, Creator) and the student (grace, Viewer).
import assert from 'node:assert/strict';
import { restSwitchDefaults, useTestDevServer } from '../../support/devServer';
import { SEED_PATHS, folderIdFor } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { restRequestCounts } from '../../../devserver/rest';
import { PanoptoClient } from '../../../src/panopto/client';
import { SessionService } from '../../../src/panopto/sessions';
import { PanoptoInputError, PanoptoNotFoundError, PanoptoPermissionError } from '../../../src/panopto/serviceErrors';
import { onSite, withSiteUrls } from '../../../src/panopto/wire';
import { FAST_RETRY, TestAccess } from '../../support/testAccess';

const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';
const SORTING = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 3 – Lecture: Sorting algorithms');

describe('SessionService against the dev server', () => {
  const server = useTestDevServer();
  let ada: SessionService;
  let grace: SessionService;

  const sessionsFor = (access: TestAccess) => new SessionService(new PanoptoClient({ access, retry: FAST_RETRY }));
  const requests = () => Object.values(restRequestCounts({ stats: server().stats })).reduce((a, b) => a + b, 0);

  before(async () => {
    ada = sessionsFor(await TestAccess.signIn(server(), 'ada'));
    grace = sessionsFor(await TestAccess.signIn(server(), 'grace'));
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  it("lists a folder's recordings over every page, with links on the site", async () => {
    server().switches.pageSize = 1;
    const sessions = await grace.listSessions(folderIdFor(SEED_PATHS.week1));
    assert.deepEqual(
      sessions.map((s) => s.name),
      ['Lecture 1 – Hello, world', 'Lecture 2 – Running Python', 'Tutorial: VS Code setup'],
    );
    const first = sessions[0];
    assert.equal(first.viewerUrl, `${server().baseUrl}/Panopto/Pages/Viewer.aspx?id=${first.id}`);
    assert.equal(first.folderId, folderIdFor(SEED_PATHS.week1));
    assert.ok(first.startTime && typeof first.durationSeconds === 'number');
  });

  it('searches every folder: best match first, with thumbnails and the matching caption lines', async () => {
    const hits = await ada.searchSessions('sorting');
    assert.equal(hits[0]?.id, SORTING, 'the recording named after the query comes first');
    assert.equal(hits[0].folderName, 'Lectures');
    assert.match(hits[0].thumbnailUrl ?? '', /FrameRedirect\?objectId=/);
    assert.ok(hits[0].matches?.some((m) => /all about sorting/.test(m.text) && m.timeSeconds === 2));
    // A student finds only what she may see: COMP202 is ada's alone.
    assert.deepEqual(await grace.searchSessions('sorting'), []);
  });

  it('searches one folder, and refuses an empty query without asking Panopto', async () => {
    const hits = await grace.searchSessions('lecture', { folderId: folderIdFor(SEED_PATHS.week1) });
    assert.deepEqual(hits.map((s) => s.name).sort(), ['Lecture 1 – Hello, world', 'Lecture 2 – Running Python']);
    const before = requests();
    await assert.rejects(grace.searchSessions('   '), PanoptoInputError);
    assert.equal(requests(), before);
  });

  it('gives a Creator every link, with folder name, start and duration', async () => {
    const details = await ada.getSessionDetails(SORTING);
    const base = server().baseUrl;
    assert.equal(details.name, 'Week 3 – Lecture: Sorting algorithms');
    assert.equal(details.folderName, 'Lectures');
    assert.equal(details.folderId, folderIdFor(SEED_PATHS.comp202Lectures));
    assert.equal(details.startTime, '2025-02-18T10:00:00.000Z');
    assert.equal(details.durationSeconds, 3105.6);
    assert.match(details.description ?? '', /Insertion sort/);
    assert.equal(details.viewerUrl, `${base}/Panopto/Pages/Viewer.aspx?id=${SORTING}`);
    assert.equal(details.embedUrl, `${base}/Panopto/Pages/Embed.aspx?id=${SORTING}`);
    assert.equal(details.captionDownloadUrl, `${base}/Panopto/Pages/Transcription/GenerateSRT.ashx?id=${SORTING}`);
    for (const key of ['editorUrl', 'shareSettingsUrl', 'thumbnailUrl'] as const) {
      assert.ok(details[key]?.startsWith(`${base}/Panopto/`), `${key} is on the site`);
    }
  });

  it('gives a Viewer no editor, share or embed link', async () => {
    const details = await grace.getSessionDetails(sessionIdFor(SEED_PATHS.week1, 'Lecture 1 – Hello, world'));
    assert.ok(details.viewerUrl && details.captionDownloadUrl && details.thumbnailUrl);
    assert.equal(details.editorUrl, undefined);
    assert.equal(details.shareSettingsUrl, undefined);
    assert.equal(details.embedUrl, undefined);
  });

  it('reports an unknown recording as not found, and one she may not see as no permission', async () => {
    await assert.rejects(ada.getSessionDetails(UNKNOWN_ID), (e: unknown) => {
      assert.ok(e instanceof PanoptoNotFoundError);
      assert.equal(e.what, 'session');
      assert.match(e.message, new RegExp(`${UNKNOWN_ID} was not found on 127\\.0\\.0\\.1:\\d+`));
      return true;
    });
    await assert.rejects(
      grace.getSessionDetails(SORTING),
      (e: unknown) => e instanceof PanoptoPermissionError && /see this recording/.test(e.message),
    );
  });

  it("says whether a link's recording is there (found, gone, forbidden) without an error for a 404 or 403", async () => {
    assert.equal(await ada.recordingState(SORTING), 'found');
    assert.equal(await ada.recordingState(UNKNOWN_ID), 'gone');
    assert.equal(await grace.recordingState(SORTING), 'forbidden');
    // Any other refusal is still an error, after the client's retries.
    server().switches.restFaultMode = 'error500';
    await assert.rejects(ada.recordingState(SORTING), /HTTP 500/);
    await assert.rejects(ada.recordingState('..'), PanoptoInputError);
  });

  it('refuses ids that are not GUIDs before any request', async () => {
    const before = requests();
    for (const bad of ['..', '../folders', `${SORTING}/../x`, 'abc', '', `${SORTING}?x=1`]) {
      await assert.rejects(ada.getSessionDetails(bad), PanoptoInputError, `refuses ${JSON.stringify(bad)}`);
      await assert.rejects(ada.deleteSession(bad), PanoptoInputError);
      await assert.rejects(ada.listSessions(bad), PanoptoInputError);
    }
    await assert.rejects(ada.updateSession(SORTING, { folderId: '..' }), PanoptoInputError);
    await assert.rejects(ada.updateSession(SORTING, {}), PanoptoInputError);
    await assert.rejects(ada.updateSession(SORTING, { name: '  ' }), PanoptoInputError);
    assert.equal(requests(), before);
  });

  it('renames, describes and moves a recording as its Creator', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Tutorials, 'Week 3 – Tutorial: Quicksort by hand');
    const renamed = await ada.updateSession(id, { name: '  Quicksort, by hand  ', description: 'Partitioning, slowly.' });
    assert.equal(renamed.name, 'Quicksort, by hand');
    assert.equal(renamed.description, 'Partitioning, slowly.');
    const moved = await ada.updateSession(id, { folderId: folderIdFor(SEED_PATHS.comp202Lectures) });
    assert.equal(moved.folderId, folderIdFor(SEED_PATHS.comp202Lectures));
    assert.equal(moved.folderName, 'Lectures');
    assert.ok((await ada.listSessions(folderIdFor(SEED_PATHS.comp202Lectures))).some((s) => s.id === id));
  });

  it("tells a student she may not change the instructor's recording, by its name and site", async () => {
    const id = sessionIdFor(SEED_PATHS.comp101, 'Course overview');
    await assert.rejects(grace.updateSession(id, { name: 'Mine now' }), (e: unknown) => {
      assert.ok(e instanceof PanoptoPermissionError);
      assert.equal(e.action, 'change');
      assert.match(e.message, /^You don't have permission to change Course overview on 127\.0\.0\.1:\d+\.$/);
      return true;
    });
    await assert.rejects(grace.deleteSession(id), PanoptoPermissionError);
    assert.equal((await ada.getSessionDetails(id)).name, 'Course overview', 'nothing changed');
  });

  it('refuses a move into a folder that does not exist as bad input', async () => {
    const id = sessionIdFor(SEED_PATHS.comp101, 'Assessment & deadlines');
    await assert.rejects(
      ada.updateSession(id, { folderId: UNKNOWN_ID }),
      (e: unknown) => e instanceof PanoptoInputError && /does not exist/.test(e.message),
    );
  });

  it('deletes a recording; then it is not found', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Tutorials, 'Week 5 – Tutorial: Knapsack & friends');
    await ada.deleteSession(id);
    await assert.rejects(ada.getSessionDetails(id), PanoptoNotFoundError);
    await assert.rejects(ada.deleteSession(id), PanoptoNotFoundError);
  });

  it("writes Panopto's embed player with the title escaped", async () => {
    const details = await ada.getSessionDetails(SORTING);
    const code = ada.embedCode({ ...details, name: 'Sorting "fast" & <slow>' });
    assert.equal(
      code,
      `<iframe src="${server().baseUrl}/Panopto/Pages/Embed.aspx?id=${SORTING}&autoplay=false&offerviewer=true&showtitle=true&showbrand=true&captions=false&interactivity=all" ` +
        'height="405" width="720" style="border: 1px solid #464646;" allowfullscreen allow="autoplay" aria-label="Panopto Embedded Video Player" ' +
        'title="Sorting &#34;fast&#34; &#38; &#60;slow&#62;"></iframe>',
    );
    // A viewer has no EmbedUrl; the viewer link gives the site.
    const viewer = await grace.getSessionDetails(sessionIdFor(SEED_PATHS.week1, 'Lecture 1 – Hello, world'));
    assert.match(grace.embedCode(viewer), /Embed\.aspx\?id=[0-9a-f-]{36}&autoplay=false/);
    assert.throws(() => grace.embedCode({ id: SORTING, name: 'x' }), PanoptoInputError);
  });
});

describe('URLs from answers stay on the signed-in site', () => {
  const site = 'https://uni.hosted.panopto.com';

  it('keeps only URLs under the site, without whitespace, controls or backslashes', () => {
    assert.equal(onSite(`${site}/Panopto/Pages/Viewer.aspx?id=1`, site), `${site}/Panopto/Pages/Viewer.aspx?id=1`);
    for (const url of [
      'https://evil.example/Panopto/Pages/Viewer.aspx',
      `${site}.evil.example/Panopto/`,
      `${site}@evil.example/`,
      'http://uni.hosted.panopto.com/Panopto/',
      `${site}`,
      `${site}/Panopto/\\evil`,
      `${site}/Panopto/ x`,
      `${site}/Panopto/\nx`,
      'javascript:alert(1)',
    ]) {
      assert.equal(onSite(url, site), undefined, url);
    }
  });

  it('drops the off-site URLs of a mapped answer and keeps the rest', () => {
    const mapped = withSiteUrls({ id: 'x', viewerUrl: `${site}/Panopto/v`, thumbnailUrl: 'https://cdn.example/t.png' }, site);
    assert.deepEqual(mapped, { id: 'x', viewerUrl: `${site}/Panopto/v` });
  });
});
