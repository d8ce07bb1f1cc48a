// Resuming interrupted uploads against the dev server: a network loss (the outage switch) cuts an
// upload at 10, 50 or 90 %; the resume sends only the parts the target lacks (learnt through
// ListParts, or from the local record when the target has none) and ends with identical bytes.
// An expired upload or a changed file starts over and says why.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Uploader, UploadInterruptedError, type UploaderOptions, type UploadRequest } from '../../../src/panopto/uploader';
import type { ResumePoint } from '../../../src/uploads/checkpoint';
import { clientFor, COMP101, MIB, sha256OfFile, uploadsOn, useUploadTestBed, writeMediaFile } from '../../support/uploadFixture';
import { PartCountingAgent } from '../../support/uploadResume';

const SIZE = 40 * MIB + 4321;
const CONCURRENCY = 2;

describe('resuming an interrupted upload', function () {
  this.timeout(60_000);
  const bed = useUploadTestBed();
  let agent: PartCountingAgent;

  beforeEach(() => {
    agent = new PartCountingAgent();
    Object.assign(bed.server.switches, { listParts: true, uploadExpiryMs: 0, uploadOutageMs: 0, uploadOutageMode: 'hang' });
  });
  afterEach(async () => {
    bed.server.switches.uploadOutageMs = 0;
    await agent.close();
  });

  function uploader(options: Partial<UploaderOptions> = {}): Uploader {
    return new Uploader({
      client: clientFor(bed.access),
      partSizeBytes: 5 * MIB,
      concurrency: CONCURRENCY,
      pollIntervalMs: 20,
      partRetry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 30 },
      dispatcher: agent,
      ...options,
    });
  }

  /** Uploads until `fraction` of the bytes were sent, then the network goes; returns the last checkpoint. */
  async function interruptAt(file: string, fraction: number): Promise<ResumePoint> {
    let last: ResumePoint | undefined;
    let cut = false;
    const request: UploadRequest = {
      filePath: file,
      folderId: COMP101,
      onCheckpoint: (point) => (last = point),
      onProgress: ({ bytesSent, totalBytes }) => {
        if (!cut && bytesSent >= fraction * totalBytes) {
          cut = true;
          Object.assign(bed.server.switches, { uploadOutageMode: 'reset', uploadOutageMs: 60_000 });
        }
      },
    };
    await assert.rejects(uploader().upload(request), UploadInterruptedError);
    bed.server.switches.uploadOutageMs = 0; // the network is back
    assert.ok(last, 'a checkpoint was reported');
    return last;
  }

  async function storedHash(uploadId: string, name: string): Promise<string | undefined> {
    return (await uploadsOn(bed.server)).files.find((f) => f.sessionUploadId === uploadId && f.name === name)?.sha256;
  }

  for (const fraction of [0.1, 0.5, 0.9]) {
    for (const listParts of [true, false]) {
      it(`interrupted at ${fraction * 100} %, resumed ${listParts ? 'with' : 'without'} ListParts: only missing parts are sent`, async () => {
        const name = `resume-${fraction * 100}-${listParts}.mp4`;
        const file = join(bed.dir, name);
        await writeMediaFile(file, SIZE);
        const point = await interruptAt(file, fraction);
        bed.server.switches.listParts = listParts;
        const result = await uploader().upload({ filePath: file, folderId: COMP101, resume: point, onCheckpoint: () => undefined });
        assert.equal(result.state, 'complete');
        assert.equal(result.uploadId, point.checkpoint.sessionUploadId, 'the same upload went on');
        assert.equal(await storedHash(result.uploadId, name), await sha256OfFile(file));
        const twice = agent.sentTwice();
        assert.ok(twice.length <= CONCURRENCY, `parts sent twice: ${twice.join(', ')} (at most the ${CONCURRENCY} in flight)`);
        assert.equal(agent.sends.size, Math.ceil(SIZE / (5 * MIB)), 'every part was sent');
      });
    }
  }

  it('an upload Panopto expired meanwhile starts over as a new upload, saying why', async () => {
    const name = 'expired.mp4';
    const file = join(bed.dir, name);
    await writeMediaFile(file, 12 * MIB);
    const point = await interruptAt(file, 0.5);
    bed.server.switches.uploadExpiryMs = 100;
    for (let i = 0; i < 200; i++) {
      const upload = (await uploadsOn(bed.server)).sessionUploads.find((u) => u.ID === point.checkpoint.sessionUploadId);
      if (upload && upload.State >= 6) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    bed.server.switches.uploadExpiryMs = 0;
    const notices: string[] = [];
    const result = await uploader().upload({
      filePath: file,
      folderId: COMP101,
      resume: point,
      onNotice: (n) => notices.push(n),
      onCheckpoint: () => undefined,
    });
    assert.equal(result.state, 'complete');
    assert.notEqual(result.uploadId, point.checkpoint.sessionUploadId, 'a new upload');
    assert.match(notices.join(' '), /expired/);
    assert.equal(await storedHash(result.uploadId, name), await sha256OfFile(file));
  });

  it('a file that changed since the interruption starts over, saying why, and the old upload is cancelled', async () => {
    const name = 'changed.mp4';
    const file = join(bed.dir, name);
    await writeMediaFile(file, 12 * MIB);
    const point = await interruptAt(file, 0.5);
    await writeFile(file, Buffer.alloc(3 * MIB, 7));
    const notices: string[] = [];
    const result = await uploader().upload({
      filePath: file,
      folderId: COMP101,
      resume: point,
      onNotice: (n) => notices.push(n),
      onCheckpoint: () => undefined,
    });
    assert.equal(result.state, 'complete');
    assert.match(notices.join(' '), /changed/);
    assert.notEqual(result.uploadId, point.checkpoint.sessionUploadId);
    assert.equal(await storedHash(result.uploadId, name), await sha256OfFile(file));
    const old = (await uploadsOn(bed.server)).sessionUploads.find((u) => u.ID === point.checkpoint.sessionUploadId);
    assert.equal(old?.State, 2, 'the old upload was cancelled');
  });

  it('the target refusing the S3 upload id (NoSuchUpload) starts a new upload', async () => {
    const name = 'nosuchupload.mp4';
    const file = join(bed.dir, name);
    await writeMediaFile(file, 12 * MIB);
    const point = await interruptAt(file, 0.5);
    const forged: ResumePoint = { ...point, checkpoint: { ...point.checkpoint, multipartId: 'not-an-upload-id' } };
    const notices: string[] = [];
    const result = await uploader().upload({
      filePath: file,
      folderId: COMP101,
      resume: forged,
      onNotice: (n) => notices.push(n),
      onCheckpoint: () => undefined,
    });
    assert.equal(result.state, 'complete');
    assert.notEqual(result.uploadId, point.checkpoint.sessionUploadId);
    assert.match(notices.join(' '), /no longer has/);
  });

  it('an upload interrupted after it was finished follows processing again', async () => {
    const name = 'processing.mp4';
    const file = join(bed.dir, name);
    await writeMediaFile(file, 100_000);
    let last: ResumePoint | undefined;
    bed.server.switches.processingDelayMs = 300;
    const first = await uploader({ processingTimeoutMs: 1 }).upload({ filePath: file, folderId: COMP101, onCheckpoint: (p) => (last = p) });
    bed.server.switches.processingDelayMs = 20;
    assert.equal(first.state, 'processing');
    assert.equal(last?.checkpoint.phase, 'processing');
    const phases: string[] = [];
    const result = await uploader().upload({ filePath: file, folderId: COMP101, resume: last, onPhase: (p) => phases.push(p) });
    assert.equal(result.state, 'complete');
    assert.equal(result.uploadId, first.uploadId);
    assert.deepEqual(phases, ['processing']);
  });
});
