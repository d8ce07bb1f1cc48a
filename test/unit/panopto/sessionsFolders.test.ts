// FolderService's changes (create, rename, describe, move, delete) and canCreate listings against the
// dev server, as the instructor (ada) and the student (grace: Viewer of the course folders, Creator of
// her own).
import assert from 'node:assert/strict';
import { restSwitchDefaults, useTestDevServer } from '../../support/devServer';
import { SEED_PATHS, folderIdFor } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { restRequestCounts } from '../../../devserver/rest';
import type { FolderService } from '../../../src/panopto/folders';
import { PanoptoHttpError } from '../../../src/panopto/errors';
import { PanoptoInputError, PanoptoNotFoundError, PanoptoPermissionError } from '../../../src/panopto/serviceErrors';
import { ROOT_FOLDER_ID } from '../../../src/panopto/wire';
import { TestAccess, serviceFor } from '../../support/testAccess';

const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';

describe('FolderService changes against the dev server', () => {
  const server = useTestDevServer();
  let ada: FolderService;
  let grace: FolderService;
  const requests = () => Object.values(restRequestCounts({ stats: server().stats })).reduce((a, b) => a + b, 0);

  before(async () => {
    ada = serviceFor(await TestAccess.signIn(server(), 'ada'));
    grace = serviceFor(await TestAccess.signIn(server(), 'grace'));
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  it('lists only folders where the user may create when asked (canCreate)', async () => {
    const all = (await grace.listFolders()).map((f) => f.name);
    const creatable = (await grace.listFolders(undefined, undefined, { canCreate: true })).map((f) => f.name);
    assert.ok(all.includes(SEED_PATHS.cse));
    assert.deepEqual(creatable, [SEED_PATHS.graceNotes]);
    const search = await grace.searchFolders('o', undefined, { canCreate: true });
    assert.ok(search.length > 0 && search.every((f) => [SEED_PATHS.graceNotes, 'COBOL & friends'].includes(f.name)));
  });

  it('creates a folder inside another and at the top level', async () => {
    const parent = folderIdFor(SEED_PATHS.comp101);
    const week3 = await ada.createFolder('  Week 3 – Loops  ', parent, { description: 'for and while' });
    assert.equal(week3.name, 'Week 3 – Loops');
    assert.equal(week3.parentId, parent);
    assert.equal(week3.description, 'for and while');
    assert.equal(week3.url, `${server().baseUrl}/Panopto/Pages/Sessions/List.aspx#folderID=%22${week3.id}%22`);
    assert.ok((await ada.listFolders(parent)).some((f) => f.id === week3.id));

    const top = await ada.createFolder('Office hours');
    assert.equal(top.parentId, undefined);
    assert.ok((await ada.listFolders()).some((f) => f.id === top.id));
    const alsoTop = await ada.createFolder('Office hours 2', ROOT_FOLDER_ID);
    assert.equal(alsoTop.parentId, undefined);
  });

  it('tells a student she may not create in a course folder or at the top level, naming it', async () => {
    await assert.rejects(grace.createFolder('Notes', folderIdFor(SEED_PATHS.cse)), (e: unknown) => {
      assert.ok(e instanceof PanoptoPermissionError);
      assert.equal(e.action, 'createIn');
      assert.match(e.message, /^You don't have permission to create folders in Computer Science & Engineering on 127\.0\.0\.1:\d+\.$/);
      return true;
    });
    await assert.rejects(grace.createFolder('Notes'), (e: unknown) => e instanceof PanoptoPermissionError && e.action === 'createTopLevel');
    const own = await grace.createFolder('Reading list', folderIdFor(SEED_PATHS.graceNotes));
    assert.equal(own.parentId, folderIdFor(SEED_PATHS.graceNotes));
  });

  it('renames, describes and moves a folder, then moves it back to the top level', async () => {
    const folder = await ada.createFolder('Scratch', folderIdFor(SEED_PATHS.maths));
    const renamed = await ada.updateFolder(folder.id, { name: 'Scratch space', description: 'drafts' });
    assert.equal(renamed.name, 'Scratch space');
    assert.equal(renamed.description, 'drafts');
    const moved = await ada.updateFolder(folder.id, { parentId: folderIdFor(SEED_PATHS.analyse) });
    assert.equal(moved.parentId, folderIdFor(SEED_PATHS.analyse));
    const topLevel = await ada.updateFolder(folder.id, { parentId: ROOT_FOLDER_ID });
    assert.equal(topLevel.parentId, undefined);
  });

  it("refuses a move into its own subfolder as bad input, with Panopto's reason", async () => {
    await assert.rejects(ada.updateFolder(folderIdFor(SEED_PATHS.comp101), { parentId: folderIdFor(SEED_PATHS.week1) }), (e: unknown) => {
      assert.ok(e instanceof PanoptoInputError);
      assert.match(e.message, /cannot be moved into itself/);
      return true;
    });
  });

  it("tells a student she may not rename or delete the instructor's folder", async () => {
    const id = folderIdFor(SEED_PATHS.etudes);
    await assert.rejects(grace.updateFolder(id, { name: 'Mes études' }), (e: unknown) => {
      assert.ok(e instanceof PanoptoPermissionError);
      assert.match(e.message, /^You don't have permission to change Études françaises on 127\.0\.0\.1:\d+\.$/);
      return true;
    });
    await assert.rejects(grace.deleteFolder(id), PanoptoPermissionError);
    assert.equal((await ada.getFolder(id)).name, SEED_PATHS.etudes);
  });

  it('falls back to "this folder" when the refused folder cannot be read either', async () => {
    await assert.rejects(
      grace.updateFolder(folderIdFor(SEED_PATHS.maths), { name: 'x' }),
      (e: unknown) => e instanceof PanoptoPermissionError && /change this folder on/.test(e.message),
    );
  });

  it('deletes a folder with its subfolders and recordings', async () => {
    const week2 = folderIdFor(SEED_PATHS.comp101Week2);
    await ada.deleteFolder(week2);
    await assert.rejects(ada.getFolder(week2), (e: unknown) => e instanceof PanoptoHttpError && e.status === 404);
    await assert.rejects(ada.deleteFolder(week2), PanoptoNotFoundError);
    const lecture = sessionIdFor(SEED_PATHS.comp101Week2, 'Lecture 3 – Names & values');
    await assert.rejects(ada.getSession(lecture), (e: unknown) => e instanceof PanoptoHttpError && e.status === 404);
  });

  it('refuses bad ids and empty changes before any request', async () => {
    const before = requests();
    await assert.rejects(ada.createFolder('  '), PanoptoInputError);
    await assert.rejects(ada.createFolder('x', '../..'), PanoptoInputError);
    await assert.rejects(ada.updateFolder('..', { name: 'x' }), PanoptoInputError);
    await assert.rejects(ada.updateFolder(UNKNOWN_ID, {}), PanoptoInputError);
    await assert.rejects(ada.updateFolder(UNKNOWN_ID, { parentId: 'root' }), PanoptoInputError);
    await assert.rejects(ada.deleteFolder(`${UNKNOWN_ID}/children`), PanoptoInputError);
    await assert.rejects(ada.listFolders('%2e%2e'), PanoptoInputError);
    await assert.rejects(ada.getFolder(''), PanoptoInputError);
    assert.equal(requests(), before);
  });
});
