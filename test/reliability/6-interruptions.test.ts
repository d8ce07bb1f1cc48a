// Interruptions and resume: an upload cut by a network loss (connections reset, or a server that
// stops answering for a while), by parts dropped at random, by a reloaded window, an expired
// upload or a changed file. Each ends Complete with the source's exact bytes on the server, and a
// resume sends again at most the parts that were in flight.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Uploader, UploadInterruptedError, type UploadRequest } from '../../src/panopto/uploader';
import type { ResumePoint } from '../../src/uploads/checkpoint';
import { UploadQueue } from '../../src/uploads/queue';
import { ResumeStore } from '../../src/uploads/resumeStore';
import type { AccessSource } from '../../src/panopto/access';
import { startTestDevServer, type DevServer } from '../support/devServer';
import { accessFor, clientFor, COMP101, MIB, removeDir, sha256OfFile, tempDir, uploadsOn, writeMediaFile } from '../support/uploadFixture';
import { MemorySecrets, MemoryState, PartCountingAgent } from '../support/uploadResume';
import { reliabilityCase } from './support/figures';

const CONCURRENCY = 3;

describe('reliability: interruptions and resume', () => {
  let server: DevServer;
  let access: AccessSource;
  let dir: string;
  let agent: PartCountingAgent;

  before(async () => {
    server = await startTestDevServer({ switches: { processingDelayMs: 20 } });
    access = await accessFor(server);
    dir = await tempDir();
  });
  beforeEach(() => {
    agent = new PartCountingAgent();
  });
  afterEach(async () => {
    Object.assign(server.switches, {
      uploadOutageMs: 0,
      uploadOutageMode: 'hang',
      listParts: true,
      uploadExpiryMs: 0,
      dropPartProbability: 0,
    });
    await agent.close();
  });
  after(async () => {
    await server.close();
    await removeDir(dir);
  });

  function uploader(): Uploader {
    return new Uploader({
      client: clientFor(access),
      partSizeBytes: 5 * MIB,
      concurrency: CONCURRENCY,
      pollIntervalMs: 20,
      partRetry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 30 },
      dispatcher: agent,
    });
  }

  async function assertSameBytes(uploadId: string, file: string, name: string): Promise<void> {
    const stored = (await uploadsOn(server)).files.find((f) => f.sessionUploadId === uploadId && f.name === name);
    assert.equal(stored?.sha256, await sha256OfFile(file));
  }

  async function cut(file: string, fraction: number): Promise<ResumePoint> {
    let last: ResumePoint | undefined;
    let done = false;
    const req: UploadRequest = {
      filePath: file,
      folderId: COMP101,
      onCheckpoint: (p) => (last = p),
      onProgress: ({ bytesSent, totalBytes }) => {
        if (!done && bytesSent >= fraction * totalBytes) {
          done = true;
          Object.assign(server.switches, { uploadOutageMode: 'reset', uploadOutageMs: 60_000 });
        }
      },
    };
    await assert.rejects(uploader().upload(req), UploadInterruptedError);
    server.switches.uploadOutageMs = 0;
    assert.ok(last);
    return last;
  }

  for (const [fraction, listParts] of [
    [0.25, true],
    [0.75, true],
    [0.25, false],
    [0.75, false],
  ] as const) {
    reliabilityCase(
      'Interruptions and resume',
      `connections reset at ${fraction * 100} %, resumed ${listParts ? 'through ListParts' : 'from the local record'}`,
      async () => {
        const name = `cut-${fraction}-${listParts}.mp4`;
        const file = join(dir, name);
        await writeMediaFile(file, 33 * MIB + 77);
        const point = await cut(file, fraction);
        server.switches.listParts = listParts;
        const result = await uploader().upload({ filePath: file, folderId: COMP101, resume: point, onCheckpoint: () => undefined });
        assert.equal(result.state, 'complete');
        assert.equal(result.uploadId, point.checkpoint.sessionUploadId);
        await assertSameBytes(result.uploadId, file, name);
        assert.ok(agent.sentTwice().length <= CONCURRENCY, `sent twice: ${agent.sentTwice().join(', ')}`);
      },
    );
  }

  reliabilityCase('Interruptions and resume', 'a server that stops answering for a while: the parts wait and go on', async () => {
    const name = 'hang.mp4';
    const file = join(dir, name);
    await writeMediaFile(file, 20 * MIB);
    let started = false;
    const result = await uploader().upload({
      filePath: file,
      folderId: COMP101,
      onProgress: ({ bytesSent }) => {
        if (!started && bytesSent > 6 * MIB) {
          started = true;
          Object.assign(server.switches, { uploadOutageMode: 'hang', uploadOutageMs: 1_000 });
        }
      },
    });
    assert.equal(result.state, 'complete');
    await assertSameBytes(result.uploadId, file, name);
  });

  reliabilityCase('Interruptions and resume', 'one part in five dropped at random: every part retried until Complete', async () => {
    Object.assign(server.switches, { dropPartProbability: 0.2, dropPartSeed: 7 });
    const name = 'random-drops.mp4';
    const file = join(dir, name);
    await writeMediaFile(file, 30 * MIB);
    const result = await uploader().upload({ filePath: file, folderId: COMP101 });
    assert.equal(result.state, 'complete');
    await assertSameBytes(result.uploadId, file, name);
  });

  reliabilityCase(
    'Interruptions and resume',
    'a reloaded window restores the interrupted upload from its stores and finishes it',
    async () => {
      const state = new MemoryState();
      const secrets = new MemorySecrets();
      const name = 'reloaded.mp4';
      const file = join(dir, name);
      await writeMediaFile(file, 25 * MIB);
      const point = await cut(file, 0.5);
      const store = new ResumeStore(state, secrets, `${server.baseUrl}|ada`);
      await store.save({ id: 'reloaded', filePath: file, folderId: COMP101, checkpoint: point.checkpoint }, point.targetUrl);
      await store.flush();
      assert.ok(!state.dump().includes(point.targetUrl.split('/').pop() ?? '-'), 'the UploadTarget is not in globalState');
      const queue = new UploadQueue({
        createUploader: () => uploader(),
        parallelFiles: () => 2,
        store: new ResumeStore(state, secrets, `${server.baseUrl}|ada`),
        resumeDelayMs: () => 10,
      });
      try {
        await queue.restore();
        const result = await queue.result('reloaded');
        assert.equal(result?.state, 'complete');
        assert.equal(result.uploadId, point.checkpoint.sessionUploadId);
        await assertSameBytes(result.uploadId, file, name);
      } finally {
        queue.dispose();
      }
    },
  );

  reliabilityCase('Interruptions and resume', 'an upload expired while interrupted starts over, saying so', async () => {
    const name = 'expired.mp4';
    const file = join(dir, name);
    await writeMediaFile(file, 12 * MIB);
    const point = await cut(file, 0.5);
    server.switches.uploadExpiryMs = 50;
    for (let i = 0; i < 200; i++) {
      const u = (await uploadsOn(server)).sessionUploads.find((s) => s.ID === point.checkpoint.sessionUploadId);
      if (u && u.State >= 6) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    server.switches.uploadExpiryMs = 0;
    const notices: string[] = [];
    const result = await uploader().upload({ filePath: file, folderId: COMP101, resume: point, onNotice: (n) => notices.push(n) });
    assert.equal(result.state, 'complete');
    assert.notEqual(result.uploadId, point.checkpoint.sessionUploadId);
    assert.match(notices.join(' '), /expired/);
    await assertSameBytes(result.uploadId, file, name);
  });

  reliabilityCase('Interruptions and resume', 'a file changed while interrupted starts over, saying so', async () => {
    const name = 'changed.mp4';
    const file = join(dir, name);
    await writeMediaFile(file, 12 * MIB);
    const point = await cut(file, 0.5);
    await writeFile(file, Buffer.alloc(2 * MIB, 3));
    const notices: string[] = [];
    const result = await uploader().upload({ filePath: file, folderId: COMP101, resume: point, onNotice: (n) => notices.push(n) });
    assert.equal(result.state, 'complete');
    assert.match(notices.join(' '), /changed/);
    await assertSameBytes(result.uploadId, file, name);
  });
});
