// The exported API's folder methods (src/apiFactory.ts) against the dev server: contract shapes only.
import assert from 'node:assert/strict';
import { useTestDevServer } from '../../support/devServer';
import { SEED_PATHS, folderIdFor } from '../../../devserver/seedFolders';
import { createPanoptoApi } from '../../../src/apiFactory';
import type { PanoptoApi } from '../../../src/api';
import { TestAccess, serviceFor } from '../../support/testAccess';

describe('exported API: folders and sessions', () => {
  const server = useTestDevServer();
  let api: PanoptoApi;

  before(async () => {
    const access = await TestAccess.signIn(server(), 'ada');
    api = createPanoptoApi({
      getSession: async () => undefined,
      onDidChangeSessions: () => ({ dispose() {} }),
      folders: serviceFor(access),
      upload: async () => {
        throw new Error('not in this test');
      },
    });
  });

  it('lists the top level and a folder as { id, name, parentId?, url } only', async () => {
    const top = await api.listFolders();
    const cse = top.find((f) => f.name === SEED_PATHS.cse);
    assert.ok(cse);
    assert.deepEqual(Object.keys(cse).sort(), ['description', 'id', 'name', 'url']);
    const children = await api.listFolders(cse.id);
    assert.deepEqual(
      children.map((f) => f.name),
      ['COMP101 Introduction to Programming', 'COMP202 Algorithms'],
    );
    assert.deepEqual(Object.keys(children[0]).sort(), ['description', 'id', 'name', 'parentId', 'url']);
    assert.equal(children[0].parentId, cse.id);
  });

  it('searches folders and lists sessions as { id, name, folderId, viewerUrl }', async () => {
    assert.deepEqual(
      (await api.searchFolders('numérique')).map((f) => f.name),
      ['Analyse numérique'],
    );
    const sessions = await api.listSessions(folderIdFor(SEED_PATHS.comp101));
    assert.deepEqual(
      sessions.map((s) => s.name),
      ['Assessment & deadlines', 'Course overview'],
    );
    assert.deepEqual(Object.keys(sessions[0]).sort(), ['durationSeconds', 'folderId', 'id', 'name', 'startTime', 'viewerUrl']);
  });

  it('rejects bad arguments with a clear TypeError', async () => {
    await assert.rejects(api.searchFolders(''), (e: unknown) => e instanceof TypeError && /query/.test(e.message));
    await assert.rejects(api.listSessions(42 as unknown as string), (e: unknown) => e instanceof TypeError && /folderId/.test(e.message));
  });
});
