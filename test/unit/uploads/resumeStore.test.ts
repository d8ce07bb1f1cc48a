// The resume store: per site and account, the UploadTarget only in SecretStorage, writes coalesced,
// a removal never undone by a late save.
import assert from 'node:assert/strict';
import { ResumeStore, type StoredUpload } from '../../../src/uploads/resumeStore';
import { SpeedMeter } from '../../../src/uploads/speedMeter';
import { MemorySecrets, MemoryState } from '../../support/uploadResume';

const TARGET = 'https://site.example/Panopto/Upload/4b1c6a4e-0000-4000-8000-00000000abcd';

function upload(id: string, parts = 0): StoredUpload {
  return {
    id,
    filePath: `/videos/${id}.mp4`,
    folderId: 'folder',
    checkpoint: {
      sessionUploadId: `su-${id}`,
      multipartId: 'mp',
      openedMultipartIds: ['mp'],
      partSize: 5,
      parts: Array.from({ length: parts }, (_, i) => ({ partNumber: i + 1, etag: `"e${i}"` })),
      mediaComplete: false,
      phase: 'uploading',
      size: 100,
      mtimeMs: 1,
    },
  };
}

describe('resume store', () => {
  it('keeps uploads per site and account, with the target URL in SecretStorage only', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    const ada = new ResumeStore(state, secrets, 'https://site.example|ada');
    const bob = new ResumeStore(state, secrets, 'https://site.example|bob');
    await ada.save(upload('a', 3), TARGET);
    await ada.flush();
    assert.deepEqual(
      ada.list().map((u) => u.id),
      ['a'],
    );
    assert.deepEqual(bob.list(), [], "another account does not see ada's upload");
    assert.equal(await ada.targetUrl('a'), TARGET);
    assert.equal(await bob.targetUrl('a'), undefined);
    assert.ok(!state.dump().includes('4b1c6a4e'), 'the UploadTarget is not in globalState');
    assert.ok(state.dump().includes('su-a'));
  });

  it('coalesces many saves into few writes, and the last one wins', async () => {
    const state = new MemoryState();
    let writes = 0;
    const counting = { get: state.get.bind(state), update: (k: string, v: unknown) => (writes++, state.update(k, v)) };
    const store = new ResumeStore(counting, new MemorySecrets(), 's|a');
    for (let parts = 1; parts <= 500; parts++) await store.save(upload('a', parts), TARGET);
    await store.flush();
    assert.ok(writes <= 2, `${writes} writes for 500 saves`);
    assert.equal(store.list()[0].checkpoint.parts.length, 500);
  });

  it('a removal is not undone by a save still under way', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    const store = new ResumeStore(state, secrets, 's|a');
    const saving = store.save(upload('a', 1), TARGET);
    const removing = store.remove('a');
    await Promise.all([saving, removing]);
    await store.flush();
    assert.deepEqual(store.list(), []);
    assert.equal(secrets.values.size, 0);
  });
});

describe('speed meter', () => {
  it('reports bytes per second and the time left over its window', () => {
    let now = 0;
    const meter = new SpeedMeter(() => now);
    meter.sample(0);
    now = 1000;
    meter.sample(10 * 1024 * 1024);
    const { bytesPerSecond, secondsLeft } = meter.estimate(30 * 1024 * 1024);
    assert.equal(bytesPerSecond, 10 * 1024 * 1024);
    assert.equal(secondsLeft, 3);
  });

  it('knows no time left before it has a rate', () => {
    const meter = new SpeedMeter(() => 0);
    meter.sample(5);
    assert.deepEqual(meter.estimate(100), { bytesPerSecond: 0 });
  });
});
