// The upload queue against the dev server: files upload `parallelFiles` at a time; a network loss
// (the outage switch) interrupts an upload, which waits and resumes by itself; a new queue over the
// same stores (a reloaded window) lists the interrupted upload and finishes it; the UploadTarget
// never reaches globalState.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Uploader } from '../../../src/panopto/uploader';
import { UploadQueue } from '../../../src/uploads/queue';
import type { UploadItemState } from '../../../src/uploads/queueItem';
import { ResumeStore } from '../../../src/uploads/resumeStore';
import { clientFor, COMP101, MIB, sha256OfFile, uploadsOn, useUploadTestBed, writeMediaFile } from '../../support/uploadFixture';
import { MemorySecrets, MemoryState } from '../../support/uploadResume';

describe('upload queue', function () {
  this.timeout(90_000);
  const bed = useUploadTestBed();
  let state: MemoryState;
  let secrets: MemorySecrets;
  const queues: UploadQueue[] = [];

  beforeEach(() => {
    state = new MemoryState();
    secrets = new MemorySecrets();
    Object.assign(bed.server.switches, { uploadOutageMs: 0, uploadOutageMode: 'hang' });
  });
  afterEach(() => {
    bed.server.switches.uploadOutageMs = 0;
    queues.splice(0).forEach((q) => q.dispose());
  });

  function queue(parallelFiles = 2): UploadQueue {
    const q = new UploadQueue({
      createUploader: () =>
        new Uploader({
          client: clientFor(bed.access),
          partSizeBytes: 5 * MIB,
          concurrency: 2,
          pollIntervalMs: 20,
          partRetry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 20 },
        }),
      parallelFiles: () => parallelFiles,
      store: new ResumeStore(state, secrets, `${bed.server.baseUrl}|ada`),
      resumeDelayMs: (attempt) => Math.min(500, 50 * 2 ** attempt),
    });
    queues.push(q);
    return q;
  }

  async function storedHash(uploadId: string, name: string): Promise<string | undefined> {
    return (await uploadsOn(bed.server)).files.find((f) => f.sessionUploadId === uploadId && f.name === name)?.sha256;
  }

  /** Target GUIDs of every sessionUpload on the server, to look for them where they must not be. */
  async function targetGuids(): Promise<string[]> {
    return (await uploadsOn(bed.server)).sessionUploads.map((u) => u.UploadTarget.split('/').pop() ?? '');
  }

  it('uploads several files at most parallelFiles at a time, each to Complete', async () => {
    const q = queue(2);
    let mostAtOnce = 0;
    q.onDidChange(() => {
      mostAtOnce = Math.max(mostAtOnce, q.items().filter((i) => i.state === 'uploading').length);
    });
    const files = await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => {
        const file = join(bed.dir, `queued ${n}.mp4`);
        await writeMediaFile(file, n * 2 * MIB);
        return file;
      }),
    );
    const results = await Promise.all(q.add(files.map((filePath) => ({ filePath, folderId: COMP101 }))).map((a) => a.done));
    assert.deepEqual(
      results.map((r) => r.state),
      ['complete', 'complete', 'complete', 'complete', 'complete'],
    );
    assert.ok(mostAtOnce <= 2, `${mostAtOnce} files uploaded at once`);
    assert.equal(q.inProgress(), 0);
    assert.deepEqual(state.get('panopto.uploads.resume/' + `${bed.server.baseUrl}|ada`), [], 'finished uploads leave no record');
    assert.equal(secrets.values.size, 0, 'nor a secret');
  });

  it("a file in Panopto's processing gives its place to the next one, which starts sending meanwhile", async () => {
    const processingDelayMs = bed.server.switches.processingDelayMs;
    bed.server.switches.processingDelayMs = 1_500;
    try {
      const q = queue(1);
      const files = await Promise.all(
        ['first', 'second'].map(async (name) => {
          const file = join(bed.dir, `${name}.mp4`);
          await writeMediaFile(file, 2 * MIB);
          return file;
        }),
      );
      const added = q.add(files.map((filePath) => ({ filePath, folderId: COMP101 })));
      const [first, second] = added.map((a) => a.item);
      let overlapped = false;
      let mostSending = 0;
      q.onDidChange(() => {
        overlapped ||= first.state === 'processing' && second.state !== 'queued';
        mostSending = Math.max(mostSending, q.items().filter((i) => i.state === 'uploading').length);
      });
      const results = await Promise.all(added.map((a) => a.done));
      assert.deepEqual(
        results.map((r) => r.state),
        ['complete', 'complete'],
      );
      assert.ok(overlapped, 'the second file started while the first was processing');
      assert.equal(mostSending, 1, 'still one file sending at a time');
    } finally {
      bed.server.switches.processingDelayMs = processingDelayMs;
    }
  });

  it('after a network loss the upload waits, resumes by itself and finishes with identical bytes', async () => {
    const q = queue();
    const file = join(bed.dir, 'outage.mp4');
    await writeMediaFile(file, 30 * MIB);
    const seen = new Set<UploadItemState>();
    let cut = false;
    const [{ item, done }] = q.add([{ filePath: file, folderId: COMP101 }], {
      onProgress: ({ bytesSent }) => {
        if (!cut && bytesSent > 12 * MIB) {
          cut = true;
          Object.assign(bed.server.switches, { uploadOutageMode: 'reset', uploadOutageMs: 1_500 });
        }
      },
    });
    const dumps: string[] = [];
    q.onDidChange(() => {
      seen.add(item.state);
      dumps.push(state.dump());
    });
    const result = await done;
    assert.equal(result.state, 'complete', item.message);
    assert.ok(seen.has('interrupted'), 'it was interrupted');
    assert.equal(await storedHash(result.uploadId, 'outage.mp4'), await sha256OfFile(file));
    const guids = await targetGuids();
    assert.ok(
      dumps.some((d) => d.includes(result.uploadId)),
      'the record was in globalState',
    );
    for (const guid of guids) {
      assert.ok(!dumps.some((d) => d.includes(guid)), 'no UploadTarget in globalState');
    }
  });

  it('a reloaded window lists the interrupted upload and finishes it', async () => {
    const first = queue();
    const file = join(bed.dir, 'reload.mp4');
    await writeMediaFile(file, 30 * MIB);
    let cut = false;
    const [{ item }] = first.add([{ filePath: file, folderId: COMP101 }], {
      onProgress: ({ bytesSent }) => {
        if (!cut && bytesSent > 15 * MIB) {
          cut = true;
          Object.assign(bed.server.switches, { uploadOutageMode: 'reset', uploadOutageMs: 60_000 });
        }
      },
    });
    await new Promise<void>((resolve) => {
      const sub = first.onDidChange(() => {
        if (item.state === 'interrupted') {
          sub.dispose();
          resolve();
        }
      });
    });
    first.dispose(); // the window goes away
    bed.server.switches.uploadOutageMs = 0;

    const second = queue();
    await second.restore();
    const [restored] = second.items();
    assert.equal(restored.fileName, 'reload.mp4');
    assert.equal(restored.state, 'interrupted', 'listed as interrupted');
    const result = await second.result(restored.id);
    assert.equal(result?.state, 'complete', restored.message);
    assert.equal(await storedHash(result.uploadId, 'reload.mp4'), await sha256OfFile(file));
    assert.equal(secrets.values.size, 0, 'the target secret is gone once finished');
  });

  it('cancelling an interrupted upload removes it from Panopto', async () => {
    const q = queue();
    const file = join(bed.dir, 'cancel-interrupted.mp4');
    await writeMediaFile(file, 20 * MIB);
    let cut = false;
    const [{ item, done }] = q.add([{ filePath: file, folderId: COMP101 }], {
      onProgress: ({ bytesSent }) => {
        if (!cut && bytesSent > 6 * MIB) {
          cut = true;
          Object.assign(bed.server.switches, { uploadOutageMode: 'reset', uploadOutageMs: 60_000 });
        }
      },
    });
    await new Promise<void>((resolve) => {
      const sub = q.onDidChange(() => {
        if (item.state === 'interrupted') {
          sub.dispose();
          resolve();
        }
      });
    });
    bed.server.switches.uploadOutageMs = 0;
    q.cancel(item.id);
    const result = await done;
    assert.equal(result.state, 'cancelled');
    for (let i = 0; i < 100; i++) {
      const upload = (await uploadsOn(bed.server)).sessionUploads.find((u) => u.ID === result.uploadId);
      if (upload?.State === 2) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail('the sessionUpload was not cancelled');
  });
});
