// Contract tests over real HTTP: creating, renaming, moving and deleting folders, per user, and
// canCreate (docs/panopto.md#changing-folders-and-sessions).
import assert from 'node:assert/strict';
import { SEED_PATHS, ZERO_GUID, folderIdFor } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { apiErrorOf, GUID_SHAPE, useRestContract, type WireFolder, type WireSession } from './restClient';

const UNKNOWN = '11111111-2222-4333-8444-555555555555';

describe('dev server REST v1: folders', () => {
  const { server, rest, tokens } = useRestContract();

  const names = (folders: WireFolder[]) => folders.map((f) => f.Name);
  const children = (id: string, token: string, query = '') => rest.list<WireFolder>(`/folders/${id}/children${query}`, token);
  const create = (token: string, body: unknown) => rest.expect<WireFolder>(200, 'POST', '/folders', token, body);

  it('creates a folder inside another (200 with the Folder); the parent lists it and viewers of the parent see it', async () => {
    const parent = folderIdFor(SEED_PATHS.comp101);
    const folder = await create(tokens.ada, { Name: 'Week 3 – Loops', Description: 'for and while', Parent: parent });
    assert.match(folder.Id, GUID_SHAPE);
    assert.equal(folder.Name, 'Week 3 – Loops');
    assert.equal(folder.Description, 'for and while');
    assert.deepEqual(folder.ParentFolder, { Id: parent, Name: 'COMP101 Introduction to Programming' });
    assert.equal(folder.Urls.FolderUrl, `${server().baseUrl}/Panopto/Pages/Sessions/List.aspx#folderID=%22${folder.Id}%22`);
    assert.ok(names(await children(parent, tokens.ada)).includes('Week 3 – Loops'));
    assert.ok(names(await children(parent, tokens.grace)).includes('Week 3 – Loops'), 'a subfolder inherits who may see it');
    const asViewer = await rest.expect<WireFolder>(200, 'GET', `/folders/${folder.Id}`, tokens.grace);
    assert.equal(asViewer.Urls.ShareSettingsUrl, null, 'no sharing for a viewer');
    assert.ok(folder.Urls.ShareSettingsUrl, 'the creator may share');
  });

  it('creates a top-level folder for an instructor, visible to her only; a student may not (403 APIError)', async () => {
    const folder = await create(tokens.ada, { Name: 'Office hours' });
    assert.equal(folder.ParentFolder, null);
    assert.equal(folder.Description, null);
    assert.ok(names(await children(ZERO_GUID, tokens.ada)).includes('Office hours'));
    assert.ok(!names(await children(ZERO_GUID, tokens.grace)).includes('Office hours'));
    await apiErrorOf(await rest.call('POST', '/folders', tokens.grace, { Name: 'My own top level' }), 403);
    await apiErrorOf(await rest.call('POST', '/folders', tokens.grace, { Name: 'x', Parent: ZERO_GUID }), 403);

    server().switches.restTopLevelFolderCreators = 'everyone';
    const studyGroup = await create(tokens.grace, { Name: 'Study group' });
    assert.equal(studyGroup.ParentFolder, null);
    await rest.expect(200, 'DELETE', `/folders/${studyGroup.Id}`, tokens.grace);
    server().switches.restTopLevelFolderCreators = 'nobody';
    await apiErrorOf(await rest.call('POST', '/folders', tokens.ada, { Name: 'Refused' }), 403);
  });

  it('lets a student create, rename and delete inside her own folder but not in a folder she only views', async () => {
    const own = folderIdFor(SEED_PATHS.graceNotes);
    const folder = await create(tokens.grace, { Name: 'Seminar 3 notes', Parent: own });
    const renamed = await rest.expect<WireFolder>(200, 'PUT', `/folders/${folder.Id}`, tokens.grace, { Name: 'Seminar 3 – Type checking' });
    assert.equal(renamed.Name, 'Seminar 3 – Type checking');
    assert.equal(await rest.expect<string>(200, 'DELETE', `/folders/${folder.Id}`, tokens.grace), folder.Id);

    const shared = folderIdFor(SEED_PATHS.week1);
    const message = await apiErrorOf(await rest.call('POST', '/folders', tokens.grace, { Name: 'Sneaky', Parent: shared }), 403);
    assert.match(message, /permission/);
    assert.ok(!names(await children(shared, tokens.ada)).includes('Sneaky'));
  });

  it('refuses a viewer every change to a folder with 403 and an APIError, and changes nothing', async () => {
    const id = folderIdFor(SEED_PATHS.labRecordings);
    const before = await rest.expect<WireFolder>(200, 'GET', `/folders/${id}`, tokens.grace);
    for (const [method, body] of [
      ['PUT', { Name: 'Renamed' }],
      ['PUT', { Parent: folderIdFor(SEED_PATHS.graceNotes) }],
      ['DELETE', undefined],
    ] as const) {
      await apiErrorOf(await rest.call(method, `/folders/${id}`, tokens.grace, body), 403);
    }
    assert.deepEqual(await rest.expect<WireFolder>(200, 'GET', `/folders/${id}`, tokens.grace), before);
    assert.equal((await rest.list<WireSession>(`/folders/${id}/sessions`, tokens.grace)).length, 2);
  });

  it('renames and describes a folder with a partial body; its parent lists the new name', async () => {
    const id = folderIdFor(`${SEED_PATHS.etudes}/Leçon 2 – Café & croissants`);
    const renamed = await rest.expect<WireFolder>(200, 'PUT', `/folders/${id}`, tokens.ada, { Name: 'Leçon 2 – Au café' });
    assert.equal(renamed.Name, 'Leçon 2 – Au café');
    assert.equal(renamed.Description, null);
    const described = await rest.expect<WireFolder>(200, 'PUT', `/folders/${id}`, tokens.ada, { Description: 'Commander un café.' });
    assert.deepEqual([described.Name, described.Description], ['Leçon 2 – Au café', 'Commander un café.']);
    assert.deepEqual(names(await children(folderIdFor(SEED_PATHS.etudes), tokens.grace)), ['Leçon 1 – Présentations', 'Leçon 2 – Au café']);
  });

  it('moves a folder with Parent: the old parent no longer lists it, the new one does, its sessions come along', async () => {
    const moving = await create(tokens.ada, { Name: 'Revision', Parent: folderIdFor(SEED_PATHS.comp101) });
    const inside = await create(tokens.ada, { Name: 'Past papers', Parent: moving.Id });
    const session = sessionIdFor(SEED_PATHS.comp101Week2, 'Lecture 4 – Strings and f-strings');
    await rest.expect(200, 'PUT', `/sessions/${session}`, tokens.ada, { Folder: inside.Id });
    const from = folderIdFor(SEED_PATHS.comp101);
    const to = folderIdFor(SEED_PATHS.comp202);
    assert.equal((await rest.call('GET', `/folders/${inside.Id}`, tokens.grace)).status, 200, 'inside COMP101 Grace sees it');

    const moved = await rest.expect<WireFolder>(200, 'PUT', `/folders/${moving.Id}`, tokens.ada, { Parent: to });
    assert.deepEqual(moved.ParentFolder, { Id: to, Name: 'COMP202 Algorithms' });
    assert.ok(!names(await children(from, tokens.ada)).includes('Revision'));
    assert.ok(names(await children(to, tokens.ada)).includes('Revision'));
    assert.deepEqual(names(await children(moving.Id, tokens.ada)), ['Past papers']);
    assert.deepEqual(
      (await rest.list<WireSession>(`/folders/${inside.Id}/sessions`, tokens.ada)).map((s) => s.Id),
      [session],
    );
    // COMP202 is Ada's alone: what moved there inherits that, so Grace no longer sees it.
    const hidden = await rest.call('GET', `/folders/${inside.Id}`, tokens.grace);
    assert.equal(hidden.status, 403);
    await hidden.arrayBuffer();
    assert.equal((await rest.call('GET', `/sessions/${session}`, tokens.grace)).status, 403);
  });

  it('moves a folder to the top level with the zero GUID', async () => {
    const folder = await create(tokens.ada, { Name: 'Promoted', Parent: folderIdFor(SEED_PATHS.maths) });
    const moved = await rest.expect<WireFolder>(200, 'PUT', `/folders/${folder.Id}`, tokens.ada, { Parent: ZERO_GUID });
    assert.equal(moved.ParentFolder, null);
    assert.ok(names(await children(ZERO_GUID, tokens.ada)).includes('Promoted'));
    assert.ok(!names(await children(folderIdFor(SEED_PATHS.maths), tokens.ada)).includes('Promoted'));
  });

  it('deletes a folder with everything inside: subfolders and their sessions answer 404 afterwards', async () => {
    const top = await create(tokens.ada, { Name: 'Doomed', Parent: folderIdFor(SEED_PATHS.maths) });
    const sub = await create(tokens.ada, { Name: 'Doomed inside', Parent: top.Id });
    const subSub = await create(tokens.ada, { Name: 'Doomed deeper', Parent: sub.Id });
    const sessions = [
      sessionIdFor(SEED_PATHS.analyse, 'Équations différentielles'),
      sessionIdFor(SEED_PATHS.analyse, 'Intégration numérique'),
    ];
    await rest.expect(200, 'PUT', `/sessions/${sessions[0]}`, tokens.ada, { Folder: sub.Id });
    await rest.expect(200, 'PUT', `/sessions/${sessions[1]}`, tokens.ada, { Folder: subSub.Id });

    assert.equal(await rest.expect<string>(200, 'DELETE', `/folders/${top.Id}`, tokens.ada), top.Id);
    for (const id of [top.Id, sub.Id, subSub.Id]) await apiErrorOf(await rest.call('GET', `/folders/${id}`, tokens.ada), 404);
    for (const id of sessions) await apiErrorOf(await rest.call('GET', `/sessions/${id}`, tokens.ada), 404);
    assert.ok(!names(await children(folderIdFor(SEED_PATHS.maths), tokens.ada)).includes('Doomed'));
    const hits = await rest.list<WireSession>('/sessions/search?searchQuery=num%C3%A9rique', tokens.ada);
    assert.ok(!hits.some((s) => sessions.includes(s.Id)), 'gone from search too');
  });

  it('answers 404 with an APIError for an unknown folder on every change', async () => {
    for (const method of ['PUT', 'DELETE']) {
      await apiErrorOf(await rest.call(method, `/folders/${UNKNOWN}`, tokens.ada, method === 'PUT' ? { Name: 'x' } : undefined), 404);
    }
    await apiErrorOf(await rest.call('DELETE', `/folders/${ZERO_GUID}`, tokens.ada), 404);
  });

  it('answers 400 with an APIError for bad bodies, unknown parents and moves into its own subtree', async () => {
    const parent = await create(tokens.ada, { Name: 'Stable', Parent: folderIdFor(SEED_PATHS.comp202) });
    const child = await create(tokens.ada, { Name: 'Stable child', Parent: parent.Id });
    for (const body of [
      {},
      { Name: '' },
      { Name: ' ' },
      { Name: 7 },
      { Name: 'x', Description: 1 },
      { Name: 'x', Parent: 'nope' },
      { Name: 'x', Parent: UNKNOWN },
      { Name: 'x', Parent: 12 },
    ]) {
      await apiErrorOf(await rest.call('POST', '/folders', tokens.ada, body), 400);
    }
    for (const body of [
      { Name: '' },
      { Name: null, Description: false },
      { Parent: UNKNOWN },
      { Parent: parent.Id },
      { Parent: child.Id },
    ]) {
      const message = await apiErrorOf(await rest.call('PUT', `/folders/${parent.Id}`, tokens.ada, body), 400);
      if ('Parent' in body && body.Parent !== UNKNOWN) assert.match(message, /itself or one of its subfolders/);
    }
    assert.deepEqual(await rest.expect<WireFolder>(200, 'GET', `/folders/${parent.Id}`, tokens.ada), parent);
  });

  it('canCreate=true keeps only folders where the caller may create, in children and in search', async () => {
    assert.deepEqual(names(await children(ZERO_GUID, tokens.grace, '?canCreate=true')), [SEED_PATHS.graceNotes]);
    assert.equal((await children(ZERO_GUID, tokens.grace, '?canCreate=false')).length, 4);
    assert.deepEqual(names(await children(folderIdFor(SEED_PATHS.cse), tokens.grace, '?canCreate=true')), []);
    assert.deepEqual(names(await children(folderIdFor(SEED_PATHS.cse), tokens.ada, '?canCreate=true')), [
      'COMP101 Introduction to Programming',
      'COMP202 Algorithms',
    ]);
    assert.deepEqual(names(await rest.list<WireFolder>('/folders/search?searchQuery=seminar&canCreate=true', tokens.grace)), [
      SEED_PATHS.graceNotes,
    ]);
    assert.deepEqual(names(await rest.list<WireFolder>('/folders/search?searchQuery=week&canCreate=true', tokens.grace)), []);
    assert.ok((await rest.list<WireFolder>('/folders/search?searchQuery=week&canCreate=true', tokens.ada)).length >= 2);
    await apiErrorOf(await rest.call('GET', `/folders/${ZERO_GUID}/children?canCreate=maybe`, tokens.ada), 400);
  });
});
