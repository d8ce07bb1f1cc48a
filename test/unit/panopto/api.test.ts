// The exported API, version 2 (src/apiFactory.ts), against the dev server: the contract's shapes
// only, every method, and rejections a user can read.
import assert from 'node:assert/strict';
import { useTestDevServer } from '../../support/devServer';
import { SEED_PATHS, folderIdFor } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { createPanoptoApi } from '../../../src/apiFactory';
import type { PanoptoApi } from '../../../src/api';
import { PanoptoClient } from '../../../src/panopto/client';
import { FolderService } from '../../../src/panopto/folders';
import { SessionService } from '../../../src/panopto/sessions';
import { FAST_RETRY, TestAccess } from '../../support/testAccess';

const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';

function apiFor(access: TestAccess): PanoptoApi {
  const client = new PanoptoClient({ access, retry: FAST_RETRY });
  return createPanoptoApi({
    onDidChangeSessions: () => ({ dispose() {} }),
    folders: new FolderService(client),
    sessions: new SessionService(client),
    upload: async () => {
      throw new Error('not in this test');
    },
  });
}

/** Rejects with an Error whose message matches, and nothing that looks like a token or a stack. */
async function rejectsReadably(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof Error, 'an Error');
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /Bearer|access_token|\.ASPXAUTH|\n\s+at /);
    return true;
  });
}

describe('exported API v2 against the dev server', () => {
  const server = useTestDevServer();
  let ada: PanoptoApi;
  let grace: PanoptoApi;

  before(async () => {
    ada = apiFor(await TestAccess.signIn(server(), 'ada'));
    grace = apiFor(await TestAccess.signIn(server(), 'grace'));
  });

  it('is version 2, frozen, and has no way to a token', () => {
    assert.equal(ada.apiVersion, 2);
    assert.ok(Object.isFrozen(ada));
    assert.equal((ada as unknown as Record<string, unknown>).getSession, undefined);
    assert.deepEqual(Object.keys(ada).sort(), [
      'apiVersion',
      'createFolder',
      'deleteFolder',
      'deleteSession',
      'getSessionDetails',
      'listFolders',
      'listSessions',
      'onDidChangeSessions',
      'searchFolders',
      'searchSessions',
      'updateFolder',
      'updateSession',
      'upload',
    ]);
  });

  it('lists the top level and a folder as { id, name, description?, parentId?, url? } only', async () => {
    const top = await ada.listFolders();
    const cse = top.find((f) => f.name === SEED_PATHS.cse);
    assert.ok(cse);
    assert.deepEqual(Object.keys(cse).sort(), ['description', 'id', 'name', 'url']);
    const children = await ada.listFolders(cse.id);
    assert.deepEqual(
      children.map((f) => f.name),
      ['COMP101 Introduction to Programming', 'COMP202 Algorithms'],
    );
    assert.deepEqual(Object.keys(children[0]).sort(), ['description', 'id', 'name', 'parentId', 'url']);
    assert.equal(children[0].parentId, cse.id);
  });

  it('searches folders, and lists and searches recordings as the contract Session', async () => {
    assert.deepEqual(
      (await ada.searchFolders('numérique')).map((f) => f.name),
      ['Analyse numérique'],
    );
    const sessions = await ada.listSessions(folderIdFor(SEED_PATHS.comp101));
    assert.deepEqual(
      sessions.map((s) => s.name),
      ['Assessment & deadlines', 'Course overview'],
    );
    assert.deepEqual(Object.keys(sessions[0]).sort(), ['durationSeconds', 'folderId', 'id', 'name', 'startTime', 'viewerUrl']);

    const hits = await grace.searchSessions('bienvenue');
    assert.equal(hits[0]?.name, 'Bienvenue à tous');
    assert.deepEqual(Object.keys(hits[0]).sort(), ['durationSeconds', 'folderId', 'id', 'name', 'startTime', 'thumbnailUrl', 'viewerUrl']);
    const inWeek1 = await grace.searchSessions('python', { folderId: folderIdFor(SEED_PATHS.week1) });
    assert.deepEqual(
      inWeek1.map((s) => s.name),
      ['Lecture 2 – Running Python', 'Lecture 1 – Hello, world'],
      'the title match first, then the one whose captions say Python',
    );
  });

  it('gives the details of a recording with its links', async () => {
    const id = sessionIdFor(SEED_PATHS.comp101Week2, 'Lecture 4 – Strings and f-strings');
    const details = await ada.getSessionDetails(id);
    assert.deepEqual(details, {
      id,
      name: 'Lecture 4 – Strings and f-strings',
      folderId: folderIdFor(SEED_PATHS.comp101Week2),
      folderName: 'Week 2 – Variables & Types',
      description: 'Text in Python: indexing, slicing and formatting with f-strings.',
      startTime: '2025-02-13T10:00:00.000Z',
      durationSeconds: 2874.2,
      viewerUrl: `${server().baseUrl}/Panopto/Pages/Viewer.aspx?id=${id}`,
      thumbnailUrl: details.thumbnailUrl,
      embedUrl: `${server().baseUrl}/Panopto/Pages/Embed.aspx?id=${id}`,
      editorUrl: details.editorUrl,
      shareSettingsUrl: details.shareSettingsUrl,
    });
    assert.ok(details.thumbnailUrl && details.editorUrl && details.shareSettingsUrl);
  });

  it('creates, renames, moves and deletes a folder', async () => {
    const parent = folderIdFor(SEED_PATHS.maths);
    const created = await ada.createFolder('Exercices', parent);
    assert.equal(created.parentId, parent);
    const updated = await ada.updateFolder(created.id, {
      name: 'Exercices corrigés',
      description: '',
      parentId: folderIdFor(SEED_PATHS.analyse),
    });
    assert.equal(updated.name, 'Exercices corrigés');
    assert.equal(updated.parentId, folderIdFor(SEED_PATHS.analyse));
    await ada.deleteFolder(created.id);
    await rejectsReadably(ada.deleteFolder(created.id), /was not found on 127\.0\.0\.1:\d+/);
  });

  it('renames, moves and deletes a recording', async () => {
    const id = sessionIdFor(SEED_PATHS.analyse, 'Intégration numérique');
    const renamed = await ada.updateSession(id, { name: 'Quadrature', folderId: folderIdFor(SEED_PATHS.maths) });
    assert.equal(renamed.name, 'Quadrature');
    assert.equal(renamed.folderName, SEED_PATHS.maths);
    await ada.deleteSession(id);
    await rejectsReadably(ada.getSessionDetails(id), /recording .* was not found/);
  });

  it("rejects a student's change with a message naming the recording or folder and the site", async () => {
    await rejectsReadably(
      grace.updateSession(sessionIdFor(SEED_PATHS.etudes, 'Bienvenue à tous'), { name: 'x' }),
      /^You don't have permission to change Bienvenue à tous on 127\.0\.0\.1:\d+\.$/,
    );
    await rejectsReadably(grace.deleteFolder(folderIdFor(SEED_PATHS.etudes)), /^You don't have permission to change Études françaises on /);
    await rejectsReadably(grace.createFolder('Mine'), /^You don't have permission to create top-level folders on /);
    await rejectsReadably(
      grace.deleteSession(sessionIdFor(SEED_PATHS.cse, 'School welcome 2025')),
      /permission to change School welcome 2025/,
    );
  });

  it('rejects bad arguments with a TypeError that names them', async () => {
    const typeError = (name: RegExp) => (e: unknown) => e instanceof TypeError && name.test(e.message);
    await assert.rejects(ada.searchFolders(''), typeError(/query/));
    await assert.rejects(ada.listSessions(42 as unknown as string), typeError(/folderId/));
    await assert.rejects(ada.getSessionDetails('../../folders'), typeError(/not a Panopto session id/));
    await assert.rejects(ada.updateFolder(UNKNOWN_ID, null as unknown as object), typeError(/changes must be an object/));
    await assert.rejects(ada.updateSession(UNKNOWN_ID, { name: 7 as unknown as string }), typeError(/changes\.name/));
    await assert.rejects(ada.searchSessions('x', { folderId: '' }), typeError(/options\.folderId/));
    await assert.rejects(ada.createFolder('  '), typeError(/name/));
    await assert.rejects(ada.listFolders('..'), typeError(/not a Panopto folder id/));
  });
});
