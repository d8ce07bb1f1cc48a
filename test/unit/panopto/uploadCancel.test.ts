// Cancel leaves nothing behind, whichever step it hits (create, initiate, parts, processing), and
// a many-part upload keeps one abort listener on the caller's signal.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import { Agent, type Dispatcher } from 'undici';
import { Uploader, type UploaderOptions } from '../../../src/panopto/uploader';
import { AbortScope } from '../../../src/uploads/abortScope';
import type { AccessSource } from '../../../src/panopto/access';
import { clientFor, COMP101, MIB, uploadsOn, useUploadTestBed, writeMediaFile } from '../../support/uploadFixture';

/** An undici Agent that calls `onRequest` with each request's method and path before sending it. */
class SpyAgent extends Agent {
  constructor(private readonly onRequest: (method: string, path: string) => void) {
    super();
  }
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.onRequest(options.method, options.path);
    return super.dispatch(options, handler);
  }
}

/** Sends matching requests, then tells the caller the connection closed instead of handing over the answer. */
class LostAnswerAgent extends Agent {
  constructor(private readonly loses: (method: string, path: string) => boolean) {
    super();
  }
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (!this.loses(options.method, options.path)) {
      return super.dispatch(options, handler);
    }
    const legacy = handler as Dispatcher.DispatchHandler & {
      onConnect(abort: () => void): void;
      onError(error: Error): void;
    };
    return super.dispatch(options, {
      onConnect: (abort: () => void) => legacy.onConnect(abort),
      onHeaders: () => true,
      onData: () => true,
      onComplete: () => legacy.onError(new Error('other side closed')),
      onError: (error: Error) => legacy.onError(error),
    });
  }
}

describe('upload cancel and abort listeners', function () {
  this.timeout(60_000);
  const bed = useUploadTestBed();

  beforeEach(() => {
    Object.assign(bed.server.switches, { processingDelayMs: 20 });
  });

  function uploader(options: Partial<UploaderOptions> = {}): Uploader {
    return new Uploader({
      client: clientFor(bed.access),
      partSizeBytes: 5 * MIB,
      concurrency: 3,
      pollIntervalMs: 20,
      partRetry: { baseDelayMs: 10, maxDelayMs: 50 },
      ...options,
    });
  }

  async function leftOnServer(uploadId: string) {
    const snapshot = await uploadsOn(bed.server);
    const upload = snapshot.sessionUploads.find((u) => u.ID === uploadId);
    const target = upload?.UploadTarget.split('/').pop();
    return {
      state: upload?.State,
      open: snapshot.openMultipartUploads.filter((m) => m.target === target),
      files: snapshot.files.filter((f) => f.target === target),
    };
  }

  it('cancelled while the sessionUpload is being created: the created upload is cancelled', async () => {
    const file = join(bed.dir, 'create.mp4');
    await writeMediaFile(file, 10_000);
    const controller = new AbortController();
    const aborting: AccessSource = {
      getAccess: async (options) => {
        controller.abort(new Error('user cancelled'));
        return bed.access.getAccess(options);
      },
    };
    const before = (await uploadsOn(bed.server)).sessionUploads.map((u) => u.ID);
    const result = await uploader({ client: clientFor(aborting) }).upload({ filePath: file, folderId: COMP101, signal: controller.signal });
    assert.equal(result.state, 'cancelled');
    const made = (await uploadsOn(bed.server)).sessionUploads.filter((u) => !before.includes(u.ID));
    assert.equal(made.length, 1, 'the create request did reach Panopto');
    assert.equal(made[0].State, 2, 'and what it made is cancelled');
  });

  it('cancelled while the multipart upload is being initiated: it is aborted and the sessionUpload cancelled', async () => {
    const file = join(bed.dir, 'initiate.mp4');
    await writeMediaFile(file, 6 * MIB);
    const controller = new AbortController();
    const dispatcher = new SpyAgent((method, path) => {
      if (method === 'POST' && path.endsWith('?uploads')) controller.abort(new Error('user cancelled'));
    });
    try {
      let uploadId = '';
      const result = await uploader({ dispatcher }).upload({ filePath: file, folderId: COMP101, signal: controller.signal });
      uploadId = result.uploadId;
      assert.equal(result.state, 'cancelled');
      const left = await leftOnServer(uploadId);
      assert.equal(left.state, 2);
      assert.deepEqual(left.open, [], 'no open multipart upload');
      assert.deepEqual(left.files, []);
    } finally {
      await dispatcher.close();
    }
  });

  it('an initiate retried after a lost answer leaves no multipart upload open after cancel', async () => {
    const file = join(bed.dir, 'retried.mp4');
    await writeMediaFile(file, 12 * MIB);
    const controller = new AbortController();
    let initiates = 0;
    // The first initiate reaches the target, which opens a multipart upload, but its answer is lost:
    // the client retries and never learns the first id.
    const dispatcher = new LostAnswerAgent((method, path) => method === 'POST' && path.endsWith('?uploads') && initiates++ === 0);
    try {
      const result = await uploader({ dispatcher }).upload({
        filePath: file,
        folderId: COMP101,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytesSent > 0) controller.abort(new Error('user cancelled'));
        },
      });
      assert.equal(initiates, 2, 'the initiate was retried');
      assert.equal(result.state, 'cancelled');
      const left = await leftOnServer(result.uploadId);
      assert.equal(left.state, 2);
      assert.deepEqual(left.open, [], 'neither multipart upload is left open');
    } finally {
      await dispatcher.close();
    }
  });

  it('cancelled while Panopto processes: polling stops and the sessionUpload is cancelled', async () => {
    bed.server.switches.processingDelayMs = 30_000;
    const file = join(bed.dir, 'processing.mp4');
    await writeMediaFile(file, 10_000);
    const controller = new AbortController();
    const result = await uploader({ pollIntervalMs: 60_000 }).upload({
      filePath: file,
      folderId: COMP101,
      signal: controller.signal,
      onPhase: (phase) => {
        if (phase === 'processing') setTimeout(() => controller.abort(new Error('user cancelled')), 50);
      },
    });
    assert.equal(result.state, 'cancelled');
    assert.equal((await leftOnServer(result.uploadId)).state, 2);
  });

  it('16 parts in flight add one abort listener to the caller signal and no MaxListenersExceededWarning', async () => {
    const file = join(bed.dir, 'many.mp4');
    await writeMediaFile(file, 16 * 5 * MIB);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const controller = new AbortController();
    let mostListeners = 0;
    try {
      const result = await uploader({ concurrency: 16 }).upload({
        filePath: file,
        folderId: COMP101,
        signal: controller.signal,
        onProgress: () => {
          mostListeners = Math.max(mostListeners, getEventListeners(controller.signal, 'abort').length);
        },
      });
      assert.equal(result.state, 'complete');
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(
      warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message),
      [],
    );
    assert.ok(mostListeners <= 2, `at most 2 listeners on the caller's signal (saw ${mostListeners})`);
  });

  it('an abort scope keeps one parent listener and forgets finished children, over 10,000 requests', async () => {
    const parent = new AbortController();
    const scope = new AbortScope(parent.signal);
    for (let i = 0; i < 10_000; i++) {
      await scope.run(async (signal) => {
        signal.addEventListener('abort', () => undefined); // a request that never removes its listener
      });
    }
    assert.equal(getEventListeners(parent.signal, 'abort').length, 1);
    assert.equal(scope.liveChildren, 0);
    const running = scope.child();
    parent.abort(new Error('stop'));
    assert.equal(running.signal.aborted, true, 'a live child aborts with the parent');
    assert.equal(getEventListeners(parent.signal, 'abort').length, 0);
  });
});
