// The Folders tree's drag and drop controller (src/views/uploadDropController.ts, withTreeMoves) with
// VS Code's own DataTransfer: a drag carries the recordings' links and the recordings as JSON; a drop
// of tree items on a folder (or a recording, meaning its folder) moves them, and a drop of files
// still goes to the upload controller. The real drag in the workbench is the e2e suite's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RECORDINGS_MIME } from '../../../src/authoring/dragPayload';
import type { TreeNode } from '../../../src/views/folderModel';
import { linkOfNode } from '../../../src/views/treeTargets';
import { FOLDERS_TREE_MIME, linksDrag, recordingsDrag, withTreeMoves } from '../../../src/views/uploadDropController';

const folder = (id: string, name: string): TreeNode => ({ kind: 'folder', id, folder: { id, name }, parent: undefined });
const target = folder('6f1c1b8e-0000-4000-8000-000000000001', 'Week 2');
const session: TreeNode = {
  kind: 'session',
  id: 'session:6f1c1b8e-0000-4000-8000-000000000002',
  session: {
    id: '6f1c1b8e-0000-4000-8000-000000000002',
    name: 'Lecture 3',
    folderId: 'x',
    viewerUrl: 'https://example.test/Panopto/Pages/Viewer.aspx?id=2',
  },
  parent: folder('6f1c1b8e-0000-4000-8000-000000000003', 'Week 1') as Extract<TreeNode, { kind: 'folder' }>,
};
const token = new vscode.CancellationTokenSource().token;

describe('recordings: dragging in the Folders tree', () => {
  let moved: Array<{ nodes: TreeNode[]; folderId: string }>;
  let uploadedDrops: number;
  let controller: vscode.TreeDragAndDropController<TreeNode>;

  beforeEach(() => {
    moved = [];
    uploadedDrops = 0;
    const files: vscode.TreeDragAndDropController<TreeNode> = {
      dropMimeTypes: ['text/uri-list', 'files'],
      dragMimeTypes: [],
      handleDrop: () => {
        uploadedDrops++;
      },
    };
    controller = withTreeMoves<TreeNode>(
      files,
      async (nodes, into) => {
        moved.push({ nodes, folderId: into.id });
      },
      [linksDrag(linkOfNode), recordingsDrag()],
    );
  });

  it('accepts its own items and files, and drags out links and recordings', async () => {
    assert.ok(controller.dropMimeTypes.includes(FOLDERS_TREE_MIME));
    assert.ok(controller.dropMimeTypes.includes('text/uri-list'));
    const transfer = new vscode.DataTransfer();
    await controller.handleDrag!([session], transfer, token);
    // The nodes themselves under the tree's MIME type: VS Code keeps this item for a drop in the same tree.
    assert.deepEqual(transfer.get(FOLDERS_TREE_MIME)?.value, [session]);
    assert.equal(await transfer.get('text/uri-list')?.asString(), 'https://example.test/Panopto/Pages/Viewer.aspx?id=2');
    const recordings = JSON.parse((await transfer.get(RECORDINGS_MIME)?.asString()) ?? '[]') as Array<{ id: string }>;
    assert.deepEqual(
      recordings.map((r) => r.id),
      ['6f1c1b8e-0000-4000-8000-000000000002'],
    );
  });

  it('moves dropped tree items into the folder they are dropped on, not uploading anything', async () => {
    const transfer = new vscode.DataTransfer();
    transfer.set(FOLDERS_TREE_MIME, new vscode.DataTransferItem([session]));
    transfer.set('text/uri-list', new vscode.DataTransferItem('https://example.test/x'));
    await controller.handleDrop!(target, transfer, token);
    assert.deepEqual(moved, [{ nodes: [session], folderId: target.id }]);
    assert.equal(uploadedDrops, 0);
  });

  it('a drop on a recording means its folder; a drop on nothing does nothing', async () => {
    const transfer = new vscode.DataTransfer();
    transfer.set(FOLDERS_TREE_MIME, new vscode.DataTransferItem([target]));
    await controller.handleDrop!(session, transfer, token);
    await controller.handleDrop!(undefined, transfer, token);
    assert.deepEqual(moved, [{ nodes: [target], folderId: '6f1c1b8e-0000-4000-8000-000000000003' }]);
  });

  it("a drop carrying only VS Code's own JSON under the tree's MIME type moves nothing and does not throw", async () => {
    const transfer = new vscode.DataTransfer();
    transfer.set(FOLDERS_TREE_MIME, new vscode.DataTransferItem('{"id":"panopto.folders","itemHandles":["0/0:a"]}'));
    await controller.handleDrop!(target, transfer, token);
    assert.deepEqual(moved, []);
    assert.equal(uploadedDrops, 0);
  });

  it('files dropped from the explorer still go to the upload controller', async () => {
    const transfer = new vscode.DataTransfer();
    transfer.set('text/uri-list', new vscode.DataTransferItem('file:///tmp/lecture.mp4'));
    await controller.handleDrop!(target, transfer, token);
    assert.equal(uploadedDrops, 1);
    assert.deepEqual(moved, []);
  });
});
