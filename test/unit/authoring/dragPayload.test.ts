// What a drag out of the Folders tree carries for editors (src/authoring/dragPayload.ts).
import assert from 'node:assert/strict';
import { parseRecordingsPayload, recordingsPayload } from '../../../src/authoring/dragPayload';

const session = {
  id: 'a',
  name: 'Lecture [1]',
  viewerUrl: 'https://x/Panopto/Pages/Viewer.aspx?id=a',
  thumbnailUrl: 'https://x/t.png',
  folderId: 'f',
};

describe('tree drag payload', () => {
  it('carries the session nodes only, as plain JSON without the tree around them', () => {
    const folderNode = { kind: 'folder', id: 'f', folder: { id: 'f', name: 'Folder' } };
    const sessionNode = { kind: 'session', id: 's', session, parent: folderNode };
    const payload = recordingsPayload([folderNode, sessionNode, { kind: 'loadMore' }]);
    assert.ok(payload);
    assert.deepEqual(JSON.parse(payload), [
      { id: 'a', name: 'Lecture [1]', viewerUrl: session.viewerUrl, thumbnailUrl: session.thumbnailUrl },
    ]);
    assert.deepEqual(parseRecordingsPayload(payload), [
      { id: 'a', name: 'Lecture [1]', viewerUrl: session.viewerUrl, thumbnailUrl: session.thumbnailUrl },
    ]);
  });

  it('nothing for a drag without recordings', () => {
    assert.equal(recordingsPayload([{ kind: 'folder', id: 'f' }]), undefined);
  });

  it('leaves out what is malformed', () => {
    assert.deepEqual(parseRecordingsPayload('not json'), []);
    assert.deepEqual(parseRecordingsPayload('{"id":"a"}'), []);
    assert.deepEqual(parseRecordingsPayload(JSON.stringify([{ id: 'a', name: 'n' }, { id: 1 }])), [], 'no viewer link, nothing to write');
  });
});
