// The Folders tree model after changes made from the tree (src/views/folderModel.ts: sessionChanged,
// sessionRemoved, folderChanged, folderRemoved, locateSession, sessionOrder): only the affected
// container redraws, from what it has loaded, and the new state is what Panopto now says.
import assert from 'node:assert/strict';
import { useTestDevServer } from '../../support/devServer';
import { SEED_PATHS } from '../../../devserver/seedFolders';
import { FolderModel, type FolderNode, type SessionNode, type TreeNode } from '../../../src/views/folderModel';
import { sortSessions } from '../../../src/views/sessionOrder';
import { createLog, MemoryLogSink } from '../../../src/util/log';
import { TestAccess, serviceFor } from '../../support/testAccess';

function folderNamed(nodes: TreeNode[], name: string): FolderNode {
  const node = nodes.find((n): n is FolderNode => n.kind === 'folder' && n.folder.name === name);
  assert.ok(node, `no folder "${name}"`);
  return node;
}

function sessionNames(nodes: TreeNode[]): string[] {
  return nodes.filter((n): n is SessionNode => n.kind === 'session').map((n) => n.session.name);
}

describe('Folders tree model: changes made from the tree', () => {
  const server = useTestDevServer();
  let ada: TestAccess;
  let changes: Array<TreeNode | undefined>;
  let model: FolderModel;
  let week1: FolderNode;
  let comp101: FolderNode;

  before(async () => {
    ada = await TestAccess.signIn(server(), 'ada');
  });

  beforeEach(async () => {
    changes = [];
    model = new FolderModel(serviceFor(ada), (node) => changes.push(node), createLog(new MemoryLogSink()));
    const cse = folderNamed(await model.getChildren(), SEED_PATHS.cse);
    comp101 = folderNamed(await model.getChildren(cse), 'COMP101 Introduction to Programming');
    week1 = folderNamed(await model.getChildren(comp101), 'Week 1 – Getting started');
    await model.getChildren(week1);
    changes = [];
  });

  it('a renamed recording redraws its folder only, in name order, without asking Panopto again', async () => {
    const lecture2 = model.findSession(
      (await model.getChildren(week1))
        .map((n) => n)
        .find((n): n is SessionNode => n.kind === 'session' && n.session.name.startsWith('Lecture 2'))!.session.id,
    )!;
    const before = server().stats.restRequests ?? undefined;
    model.sessionChanged({ ...lecture2.session, name: 'A first look' });
    assert.deepEqual(changes, [week1]);
    assert.deepEqual(sessionNames(await model.getChildren(week1)), ['A first look', 'Lecture 1 – Hello, world', 'Tutorial: VS Code setup']);
    assert.equal(lecture2.session.name, 'A first look', 'the same node object, so VS Code keeps it');
    if (before !== undefined) assert.deepEqual(server().stats.restRequests, before);
  });

  it('a recording moved elsewhere leaves its folder, and the folder it went to reloads', async () => {
    const [first] = (await model.getChildren(week1)).filter((n): n is SessionNode => n.kind === 'session');
    model.sessionChanged({ ...first.session, folderId: comp101.id });
    assert.ok(!sessionNames(await model.getChildren(week1)).includes(first.session.name));
    assert.deepEqual(changes, [week1, comp101]);
  });

  it('a deleted recording and a deleted folder disappear from their parents', async () => {
    const children = await model.getChildren(week1);
    const lab = folderNamed(children, 'Lab recordings');
    const [first] = children.filter((n): n is SessionNode => n.kind === 'session');
    model.sessionRemoved(first.session.id);
    model.folderRemoved(lab.id);
    const after = await model.getChildren(week1);
    assert.ok(!after.includes(first) && !after.includes(lab));
    assert.equal(model.findFolder(lab.id), undefined);
    assert.deepEqual(changes, [week1, week1]);
  });

  it('a renamed folder redraws its parent; a folder moved away leaves it', async () => {
    const lab = folderNamed(await model.getChildren(week1), 'Lab recordings');
    model.folderChanged({ ...lab.folder, name: 'Labs' });
    assert.equal(folderNamed(await model.getChildren(week1), 'Labs'), lab);
    model.folderChanged({ ...lab.folder, parentId: comp101.id });
    assert.ok(!(await model.getChildren(week1)).includes(lab));
    assert.deepEqual(changes, [week1, week1, comp101]);
  });

  it('locateSession loads the folders down to a recording and returns its node', async () => {
    const fresh = new FolderModel(serviceFor(ada), () => undefined);
    const [first] = (await model.getChildren(week1)).filter((n): n is SessionNode => n.kind === 'session');
    const node = await fresh.locateSession(first.session);
    assert.equal(node.session.id, first.session.id);
    assert.equal(node.parent.id, week1.id);
    assert.equal(node.parent.parent?.id, comp101.id);
  });

  it('orders recordings by date, newest first, undated last; the order change redraws everything', async () => {
    model.sessionOrder = 'date';
    assert.deepEqual(changes, [undefined]);
    const sessions = (await model.getChildren(week1)).filter((n): n is SessionNode => n.kind === 'session').map((n) => n.session);
    assert.deepEqual(sessions, sortSessions(sessions, 'date'));
    const sorted = sortSessions(
      [{ name: 'b', startTime: '2025-01-01T00:00:00Z' }, { name: 'a' }, { name: 'c', startTime: '2025-03-01T00:00:00Z' }],
      'date',
    );
    assert.deepEqual(
      sorted.map((s) => s.name),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(
      sortSessions([{ name: 'Lecture 10' }, { name: 'lecture 2' }], 'name').map((s) => s.name),
      ['lecture 2', 'Lecture 10'],
    );
  });
});
