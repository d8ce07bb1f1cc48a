// The Folders tree's data layer (src/views/folderModel.ts) against the real dev server.
import assert from 'node:assert/strict';
import { restSwitchDefaults, useTestDevServer } from '../../support/devServer';
import { SEED_PATHS, SEED_SIZES, folderIdFor } from '../../../devserver/seedFolders';
import { catalogOf } from '../../../devserver/rest';
import { FolderModel, type FolderNode, type TreeNode } from '../../../src/views/folderModel';
import { createLog, MemoryLogSink } from '../../../src/util/log';
import { TestAccess, serviceFor } from '../../support/testAccess';

function labels(nodes: TreeNode[]): string[] {
  return nodes.map((n) => {
    switch (n.kind) {
      case 'folder':
        return `folder:${n.folder.name}`;
      case 'session':
        return `session:${n.session.name}`;
      case 'loadMore':
        return 'loadMore';
      case 'error':
        return 'error';
      case 'empty':
        return 'empty';
    }
  });
}

function folderNamed(nodes: TreeNode[], name: string): FolderNode {
  const node = nodes.find((n): n is FolderNode => n.kind === 'folder' && n.folder.name === name);
  assert.ok(node, `no folder "${name}" among ${labels(nodes).join(', ')}`);
  return node;
}

describe('Folders tree model against the dev server', () => {
  const server = useTestDevServer();
  let ada: TestAccess;
  let grace: TestAccess;
  let sink: MemoryLogSink;
  let changes: Array<TreeNode | undefined>;

  function model(access: TestAccess, options: Parameters<typeof serviceFor>[1] = {}): FolderModel {
    return new FolderModel(serviceFor(access, options), (node) => changes.push(node), createLog(sink));
  }

  before(async () => {
    ada = await TestAccess.signIn(server(), 'ada');
    grace = await TestAccess.signIn(server(), 'grace');
  });

  beforeEach(() => {
    sink = new MemoryLogSink();
    changes = [];
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  it('shows the top level: folders only, in Panopto order, different per user', async () => {
    const adaTop = labels(await model(ada).getChildren());
    assert.deepEqual(adaTop, [
      `folder:${SEED_PATHS.cse}`,
      `folder:${SEED_PATHS.etudes}`,
      `folder:${SEED_PATHS.lectureArchive}`,
      `folder:${SEED_PATHS.maths}`,
      `folder:${SEED_PATHS.stressTest}`,
    ]);
    const graceTop = labels(await model(grace).getChildren());
    assert.deepEqual(graceTop, [
      `folder:${SEED_PATHS.cse}`,
      `folder:${SEED_PATHS.etudes}`,
      `folder:${SEED_PATHS.graceNotes}`,
      `folder:${SEED_PATHS.lectureArchive}`,
    ]);
  });

  it('shows a third-level folder: its subfolder, then its sessions, with parents for reveal', async () => {
    const m = model(grace);
    const cse = folderNamed(await m.getChildren(), SEED_PATHS.cse);
    const comp101 = folderNamed(await m.getChildren(cse), 'COMP101 Introduction to Programming');
    const week1 = folderNamed(await m.getChildren(comp101), 'Week 1 – Getting started');
    const children = await m.getChildren(week1);
    assert.deepEqual(labels(children), [
      'folder:Lab recordings',
      'session:Lecture 1 – Hello, world',
      'session:Lecture 2 – Running Python',
      'session:Tutorial: VS Code setup',
    ]);
    assert.equal(m.getParent(children[0]), week1);
    assert.equal(m.getParent(week1), comp101);
    assert.equal(m.getParent(cse), undefined);
    assert.equal(week1.folder.description, 'Installing tools, first programs.');
  });

  it('shows a folder of more than two pages page by page, every child exactly once, in order', async () => {
    server().switches.pageSize = 40; // 130 children: pages of 40, 40, 40, 10
    const m = model(ada);
    const archive = folderNamed(await m.getChildren(), SEED_PATHS.lectureArchive);
    let children = await m.getChildren(archive);
    assert.equal(children.filter((n) => n.kind === 'folder').length, 40);
    assert.equal(children.at(-1)!.kind, 'loadMore');
    let clicks = 0;
    while (children.at(-1)!.kind === 'loadMore') {
      await m.loadMore(children.at(-1) as Extract<TreeNode, { kind: 'loadMore' }>);
      children = await m.getChildren(archive);
      clicks++;
      assert.ok(clicks < 10, 'load more must end');
    }
    assert.equal(clicks, 3, 'one click per remaining page, none that adds nothing');
    const folderNames = children.filter((n) => n.kind === 'folder').map((n) => n.folder.name);
    assert.deepEqual(
      folderNames,
      Array.from({ length: SEED_SIZES.lectureArchiveChildren }, (_, i) => `Lecture ${String(i + 1).padStart(3, '0')}`),
    );
    assert.deepEqual(labels(children).slice(-1), ['session:Archive index (read me)']);
    assert.ok(
      changes.every((c) => c === archive),
      'each load announces a change of the archive only',
    );
  });

  it('keeps node instances across a refresh, so expansion survives', async () => {
    const m = model(ada);
    const before = folderNamed(await m.getChildren(), SEED_PATHS.cse);
    m.refresh();
    const after = folderNamed(await m.getChildren(), SEED_PATHS.cse);
    assert.equal(after, before);
    assert.deepEqual(changes, [undefined]);
  });

  it('refreshes the token once between two pages with no error item', async () => {
    const access = await TestAccess.signIn(server(), 'ada');
    Object.assign(server().switches, { pageSize: 65, restTokenRequestLimit: 3 });
    const m = model(access);
    const archive = folderNamed(await m.getChildren(), SEED_PATHS.lectureArchive); // request 1
    const children = await m.getChildren(archive); // folders p0, p1; sessions p0, p1: the token dies in here
    assert.ok(!children.some((n) => n.kind === 'error'), labels(children).join(', '));
    assert.equal(children.at(-1)!.kind, 'loadMore');
    assert.equal(access.forcedRefreshes, 1);
  });

  it('rides out a 429 and shows the folders', async () => {
    Object.assign(server().switches, { restFailCount: 1, restRetryAfterSeconds: 0 });
    const top = await model(ada).getChildren();
    assert.equal(top.length, 5);
    assert.ok(top.every((n) => n.kind === 'folder'));
  });

  it('shows a 500 every time as one clear error item, logs it, and Retry recovers', async () => {
    server().switches.restFaultMode = 'error500';
    const m = model(ada);
    const top = await m.getChildren();
    assert.equal(top.length, 1);
    const error = top[0];
    assert.equal(error.kind, 'error');
    assert.match(error.message, /HTTP 500.*after 4 attempts/);
    assert.doesNotMatch(error.message, /<html|Server Error/);
    assert.ok(
      sink.lines.some((l) => l.startsWith('error ') && l.includes('HTTP 500')),
      sink.lines.join('\n'),
    );

    server().switches.restFaultMode = 'none';
    await m.loadMore(error);
    assert.equal((await m.getChildren()).length, 5);
  });

  it('shows a malformed JSON answer as one clear error item naming the endpoint', async () => {
    server().switches.restFaultMode = 'malformedJson';
    const top = await model(ada).getChildren();
    assert.equal(top.length, 1);
    assert.equal(top[0].kind, 'error');
    assert.match(
      top[0].message,
      /^Panopto sent an unexpected answer \(not JSON, content-type application\/json\)\. GET \/Panopto\/api\/v1\/folders\/.*\/children$/,
    );
  });

  it('keeps what loaded when a later page fails, with the error after it', async () => {
    server().switches.pageSize = 40;
    const m = model(ada);
    const archive = folderNamed(await m.getChildren(), SEED_PATHS.lectureArchive);
    const first = await m.getChildren(archive);
    Object.assign(server().switches, { restFaultMode: 'error500', restFaultPath: '/children' });
    await m.loadMore(first.at(-1) as Extract<TreeNode, { kind: 'loadMore' }>);
    const afterFailure = await m.getChildren(archive);
    assert.equal(afterFailure.filter((n) => n.kind === 'folder').length, 40);
    assert.equal(afterFailure.at(-1)!.kind, 'error');
  });

  it('locates a search result three levels down for reveal, loading pages until it appears', async () => {
    server().switches.pageSize = 3; // the ancestors' lists span several pages
    const m = model(ada);
    const [hit] = await serviceFor(ada).searchFolders('Lab recordings');
    assert.ok(hit);
    const node = await m.locate(hit);
    const path: string[] = [];
    for (let n: FolderNode | undefined = node; n; n = m.getParent(n)) path.unshift(n.folder.name);
    assert.deepEqual(path, SEED_PATHS.labRecordings.split('/'));
    // Every ancestor's children now contain the next node, the same instance reveal will ask for.
    const top = await m.getChildren();
    const cse = folderNamed(top, SEED_PATHS.cse);
    assert.equal(node.parent?.parent?.parent, cse);
    assert.ok((await m.getChildren(node.parent)).includes(node));
    assert.equal(folderIdFor(SEED_PATHS.labRecordings), node.id);
  });

  it('reloads one folder by id after something changed in it (an upload), keeping the rest', async () => {
    const m = model(grace);
    const etudes = folderNamed(await m.getChildren(), SEED_PATHS.etudes);
    const before = labels(await m.getChildren(etudes));
    catalogOf({ stats: server().stats }).addSession({
      id: '0a0a0a0a-1111-4222-8333-444444444444',
      name: 'Au revoir',
      description: null,
      folderId: etudes.id,
      startTime: new Date(0).toISOString(),
      durationSeconds: 60,
      createdBy: { id: 'x', userName: 'grace' },
    });
    assert.deepEqual(labels(await m.getChildren(etudes)), before, 'cached until refreshed');
    changes = [];
    m.refreshFolder(etudes.id);
    assert.deepEqual(changes, [etudes]);
    assert.deepEqual(labels(await m.getChildren(etudes)), [...before.slice(0, 2), 'session:Au revoir', ...before.slice(2)]);
  });

  it('says so when an account has no folder at all', async () => {
    const m = new FolderModel(
      {
        pageLimit: 10,
        childFoldersPage: async () => [],
        sessionsPage: async () => [],
        getFolder: async () => {
          throw new Error('unused');
        },
      },
      () => undefined,
    );
    assert.deepEqual(labels(await m.getChildren()), ['empty']);
  });

  it('gives callers that arrive while the first page loads the same loaded children', async () => {
    const m = model(ada);
    const [first, second] = await Promise.all([m.getChildren(), m.getChildren()]);
    assert.equal(first.length, 5);
    assert.deepEqual(labels(second), labels(first));
  });
});
