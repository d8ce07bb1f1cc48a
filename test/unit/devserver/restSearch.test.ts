// Contract tests over real HTTP: session search across the site and within a folder, with
// includeFields=Context (docs/panopto.md#search).
import assert from 'node:assert/strict';
import { SEED_PATHS, ZERO_GUID, folderIdFor } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { apiErrorOf, useRestContract, type WireSession } from './restClient';

const SORTING = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 3 – Lecture: Sorting algorithms');
const QUICKSORT_TUTORIAL = sessionIdFor(SEED_PATHS.comp202Tutorials, 'Week 3 – Tutorial: Quicksort by hand');

describe('dev server REST v1: session search', () => {
  const { server, rest, tokens } = useRestContract();

  const search = (query: string, token: string, extra = '') =>
    rest.list<WireSession>(`/sessions/search?searchQuery=${encodeURIComponent(query)}${extra}`, token);
  const names = (sessions: WireSession[]) => sessions.map((s) => s.Name);

  it('finds sessions by name, ignoring case, sorted by Name by default, trimmed to ViewerUrl and ThumbnailUrl', async () => {
    const hits = await search('WEEK 3', tokens.ada);
    assert.deepEqual(names(hits), ['Week 3 – Lecture: Sorting algorithms', 'Week 3 – Tutorial: Quicksort by hand']);
    for (const hit of hits) {
      assert.equal(hit.CreatedBy, undefined);
      assert.deepEqual(Object.keys(hit.Urls), ['ViewerUrl', 'ThumbnailUrl']);
      assert.equal(hit.Context, null, 'no Context unless asked for');
    }
    const desc = await search('week 3', tokens.ada, '&sortOrder=Desc');
    assert.deepEqual(names(desc), [...names(hits)].reverse());
  });

  it('finds sessions by description and by caption text, ignoring accents', async () => {
    assert.deepEqual(names(await search('comparison lower bound', tokens.ada)), ['Week 3 – Lecture: Sorting algorithms'], 'description');
    assert.deepEqual(names(await search('priority queue', tokens.ada)), ['Week 4 – Lecture: Graphs and Dijkstra’s algorithm'], 'captions');
    assert.deepEqual(names(await search('aujourd’hui', tokens.grace)), ['Bienvenue à tous'], 'French captions');
    assert.deepEqual(names(await search('integration numerique', tokens.ada)), ['Intégration numérique'], 'accents');
    server().switches.restSearchCaptions = false;
    assert.deepEqual(names(await search('priority queue', tokens.ada)), []);
  });

  it('with includeFields=Context lists the matching caption lines with their time and a thumbnail', async () => {
    const [hit, ...others] = await search('quicksort', tokens.ada, '&includeFields=Context&sortField=Relevance');
    assert.equal(hit?.Id, QUICKSORT_TUTORIAL, 'a name match ranks first');
    assert.deepEqual(hit.Context, [], 'a name match has no caption context');
    const lecture = others.find((s) => s.Id === SORTING);
    assert.ok(lecture, 'the lecture matches through its captions');
    assert.deepEqual(lecture.Context, [
      { Text: 'Quicksort picks a pivot and partitions around it.', Time: 1520, ThumbnailUrl: lecture.Urls.ThumbnailUrl },
    ]);
    const french = await search('tri rapide', tokens.ada, '&includeFields=Context');
    assert.deepEqual(
      french.map((s) => s.Context?.map((c) => c.Time)),
      [[1520]],
    );
  });

  it('searches only what the caller may see', async () => {
    assert.deepEqual(names(await search('sorting', tokens.grace)), []);
    assert.deepEqual(names(await search('seminar', tokens.ada)), []);
    assert.deepEqual(names(await search('seminar', tokens.grace)), ['Seminar 1 – Why compilers?', 'Seminar 2 – Lexing and parsing']);
  });

  it('searches within one folder, trimmed like a folder listing', async () => {
    const lectures = folderIdFor(SEED_PATHS.comp202Lectures);
    const hits = await rest.list<WireSession>(`/folders/${lectures}/sessions/search?searchQuery=lecture`, tokens.ada);
    assert.equal(hits.length, 5);
    assert.ok(hits.every((s) => s.Folder === lectures && Object.keys(s.Urls).join() === 'ViewerUrl'));
    const byCaption = await rest.list<WireSession>(`/folders/${lectures}/sessions/search?searchQuery=pivot`, tokens.ada);
    assert.deepEqual(
      byCaption.map((s) => s.Id),
      [SORTING],
    );
    assert.deepEqual(await rest.list(`/folders/${ZERO_GUID}/sessions/search?searchQuery=lecture`, tokens.ada), []);
    const forbidden = await rest.call('GET', `/folders/${lectures}/sessions/search?searchQuery=lecture`, tokens.grace);
    assert.equal(forbidden.status, 403);
    assert.equal(await forbidden.text(), '');
  });

  it('pages search results from 0 and ends with an empty page', async () => {
    server().switches.pageSize = 2;
    const first = await rest.expect<{ Results: WireSession[] }>(
      200,
      'GET',
      '/sessions/search?searchQuery=lecture&pageNumber=0',
      tokens.ada,
    );
    assert.equal(first.Results.length, 2);
    const all = await search('lecture', tokens.ada);
    assert.ok(all.length > 2);
    assert.equal(new Set(all.map((s) => s.Id)).size, all.length, 'every hit once');
  });

  it('answers 400 for a missing query, an unknown include field or sort field', async () => {
    await apiErrorOf(await rest.call('GET', '/sessions/search', tokens.ada), 400);
    await apiErrorOf(await rest.call('GET', '/sessions/search?searchQuery=%20', tokens.ada), 400);
    await apiErrorOf(await rest.call('GET', '/sessions/search?searchQuery=x&includeFields=Transcript', tokens.ada), 400);
    await apiErrorOf(await rest.call('GET', '/sessions/search?searchQuery=x&sortField=Duration', tokens.ada), 400);
    await apiErrorOf(await rest.call('GET', `/folders/${folderIdFor(SEED_PATHS.cse)}/sessions/search`, tokens.ada), 400);
  });

  it('finds a renamed session under its new name only', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 5 – Lecture: Dynamic programming');
    await rest.expect(200, 'PUT', `/sessions/${id}`, tokens.ada, { Name: 'Week 5 – Lecture: Memoisation' });
    assert.deepEqual(
      (await search('memoisation', tokens.ada)).map((s) => s.Id),
      [id],
    );
    assert.deepEqual(names(await search('dynamic programming', tokens.ada)), []);
  });
});
