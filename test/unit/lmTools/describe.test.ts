// The language model tools' text (src/lmTools/describe.ts): readable, with links, Markdown-safe titles.
import assert from 'node:assert/strict';
import { describeDetails, describeFolders, describeSearch, describeUpload, signInText } from '../../../src/lmTools/describe';

const recording = {
  id: '0f3c2a8e-1b2c-4d5e-8f90-123456789abc',
  name: 'Week [1] *intro*',
  folderName: 'COMP101',
  folderId: 'f',
  startTime: '2025-02-08T10:00:00Z',
  durationSeconds: 3725,
  viewerUrl: 'https://uni.panopto.com/Panopto/Pages/Viewer.aspx?id=0f3c2a8e-1b2c-4d5e-8f90-123456789abc',
};

describe('language model tool results', () => {
  it('a search lists each recording as a link with folder, date, duration and id', () => {
    const text = describeSearch('intro', [recording]);
    assert.equal(
      text,
      'Panopto recordings matching "intro" (1):\n' +
        `- [Week \\[1\\] \\*intro\\*](${recording.viewerUrl}) (folder COMP101, 2025-02-08, 1:02:05, id ${recording.id})`,
    );
    assert.equal(describeSearch('none', []), 'No Panopto recordings match "none".');
  });

  it('folders with ids and links, at the top level or in a parent', () => {
    assert.match(
      describeFolders(undefined, [{ id: 'a', name: 'Maths', url: 'https://x/f' }]),
      /at the top level \(1\):\n- \[Maths\]\(https:\/\/x\/f\) \(id a\)/,
    );
    assert.equal(describeFolders('p', []), 'No Panopto folders in folder p.');
  });

  it('details name every fact and link', () => {
    const text = describeDetails({ ...recording, description: 'About it', embedUrl: 'https://x/e' });
    for (const part of [
      '# Week \\[1\\] \\*intro\\*',
      'About it',
      'Folder: COMP101 (id f)',
      'Date: 2025-02-08',
      'Duration: 1:02:05',
      `Watch: ${recording.viewerUrl}`,
      'Embed: https://x/e',
    ])
      assert.ok(text.includes(part), `${part} in ${text}`);
  });

  it('an upload says its outcome', () => {
    assert.match(
      describeUpload('a.mp4', { uploadId: 'u', state: 'processing', viewerUrl: 'https://x/v' }),
      /^Uploaded a\.mp4; Panopto is still processing it\. Watch: https:\/\/x\/v$/,
    );
    assert.equal(describeUpload('a.mp4', { uploadId: 'u', state: 'failed', message: 'bad file' }), 'The upload of a.mp4 failed: bad file');
  });

  it('signed out, the answer says how to sign in', () => assert.match(signInText(), /Panopto: Sign In/));
});
