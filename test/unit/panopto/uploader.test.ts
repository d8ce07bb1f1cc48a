// The uploader end to end against the dev server: real HTTP, real multipart, real processing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Uploader, UploadProcessingError, type UploaderOptions } from '../../../src/panopto/uploader';
import { buildManifest } from '../../../src/panopto/manifest';
import { SessionUploadApi } from '../../../src/panopto/sessionUpload';
import type { AccessSource } from '../../../src/panopto/access';
import type { UploadProgress } from '../../../src/api';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import {
  accessFor,
  clientFor,
  COMP101,
  MIB,
  removeDir,
  sha256OfFile,
  tempDir,
  uploadAndCancelMidway,
  uploadsOn,
  useUploadTestBed,
  writeMediaFile,
} from '../../support/uploadFixture';

describe('uploader against the dev server', function () {
  this.timeout(60_000);
  const bed = useUploadTestBed();

  beforeEach(() => {
    Object.assign(bed.server.switches, { strictS3: true, dropConnectionOnPart: 0, sessionUpload403: 0, processingDelayMs: 20 });
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

  async function sessionName(sessionId: string): Promise<string> {
    return (await new SessionUploadApi(clientFor(bed.access)).session(sessionId)).Name;
  }

  it('uploads a small file to Complete with the same bytes on the server and a viewer link', async () => {
    const file = join(bed.dir, 'small lecture.mp4');
    await writeMediaFile(file, 200_000);
    const progress: UploadProgress[] = [];
    const phases: string[] = [];
    const result = await uploader().upload({
      filePath: file,
      folderId: COMP101,
      onProgress: (p) => progress.push(p),
      onPhase: (p) => phases.push(p),
    });
    assert.equal(result.state, 'complete');
    assert.ok(result.sessionId, 'a session id');
    assert.match(result.viewerUrl ?? '', new RegExp(`Viewer\\.aspx\\?id=${result.sessionId}`));
    assert.deepEqual(phases, ['uploading', 'processing']);
    const stored = (await uploadsOn(bed.server)).files.find((f) => f.sessionUploadId === result.uploadId && f.name === 'small lecture.mp4');
    assert.ok(stored, 'the media file reached the upload target under its exact name');
    assert.equal(stored.sha256, await sha256OfFile(file));
    assert.deepEqual(progress.at(-1), { bytesSent: 200_000, totalBytes: 200_000 });
    for (let i = 1; i < progress.length; i++) {
      assert.ok(progress[i].bytesSent >= progress[i - 1].bytesSent, 'progress never goes backwards without a retry');
    }
    assert.equal(await sessionName(result.sessionId), 'small lecture', 'default title: the file name without extension');
    const snapshot = await uploadsOn(bed.server);
    assert.ok(snapshot.targetRequests >= 4, 'initiate, part, complete, manifest');
    assert.equal(snapshot.targetRequestsWithAuthorization, 0, 'no Authorization header goes to the upload target');
  });

  it('sends a multi-part file in parallel and reassembles it exactly (parts of 5 MiB, last one short)', async () => {
    const file = join(bed.dir, 'multi.mp4');
    await writeMediaFile(file, 17 * MIB + 12_345);
    const result = await uploader().upload({ filePath: file, folderId: COMP101 });
    assert.equal(result.state, 'complete');
    const stored = (await uploadsOn(bed.server)).files.find((f) => f.sessionUploadId === result.uploadId && f.name === 'multi.mp4');
    assert.equal(stored?.size, 17 * MIB + 12_345);
    assert.equal(stored?.sha256, await sha256OfFile(file));
  });

  it('keeps a title full of XML special characters and non-ASCII intact, and the exact file name', async () => {
    const title = `Tom & Jerry <live> "quoted" 'single' ]]> Ünïcødé 日本語 🎬`;
    const file = join(bed.dir, `Lecture & <notes> "1".mp4`);
    await writeMediaFile(file, 50_000);
    const result = await uploader().upload({ filePath: file, folderId: COMP101, title, description: 'a < b && c > d' });
    assert.equal(result.state, 'complete', result.message);
    assert.equal(await sessionName(result.sessionId!), title);
  });

  it('survives a connection dropped in the middle of a part', async () => {
    bed.server.switches.dropConnectionOnPart = 2;
    const file = join(bed.dir, 'dropped.mp4');
    await writeMediaFile(file, 12 * MIB);
    const result = await uploader().upload({ filePath: file, folderId: COMP101 });
    assert.equal(bed.server.switches.dropConnectionOnPart, 0, 'the switch fired (it resets itself after dropping)');
    assert.equal(result.state, 'complete');
    const stored = (await uploadsOn(bed.server)).files.find((f) => f.sessionUploadId === result.uploadId && f.name === 'dropped.mp4');
    assert.equal(stored?.sha256, await sha256OfFile(file));
  });

  it("refreshes and retries once when sessionUpload answers 403 (the legacy API's expired token)", async () => {
    bed.server.switches.sessionUpload403 = 1;
    let forced = 0;
    const counting: AccessSource = {
      getAccess: async (options) => {
        if (options?.forceRefresh) forced++;
        return bed.access.getAccess();
      },
    };
    const file = join(bed.dir, 'after403.mp4');
    await writeMediaFile(file, 10_000);
    const result = await uploader({ client: clientFor(counting) }).upload({ filePath: file, folderId: COMP101 });
    assert.equal(result.state, 'complete');
    assert.equal(bed.server.switches.sessionUpload403, 0, 'the forced 403 was served');
    assert.equal(forced, 1);
  });

  it('cancel aborts the multipart upload and cancels the sessionUpload, leaving nothing open', async () => {
    const { result, upload, openMultipartUploads, files } = await uploadAndCancelMidway(
      bed.server,
      uploader({ concurrency: 1 }),
      join(bed.dir, 'cancelled.mp4'),
      40 * MIB,
    );
    assert.equal(result.state, 'cancelled');
    assert.equal(upload?.State, 2, 'sessionUpload is UploadCancelled');
    assert.deepEqual(openMultipartUploads, [], 'no open multipart upload');
    assert.deepEqual(files, [], 'no stored file');
  });

  it('an upload cancelled before it started creates nothing on Panopto', async () => {
    const file = join(bed.dir, 'never.mp4');
    await writeMediaFile(file, 10_000);
    const before = (await uploadsOn(bed.server)).sessionUploads.length;
    const result = await uploader().upload({ filePath: file, folderId: COMP101, signal: AbortSignal.abort() });
    assert.equal(result.state, 'cancelled');
    assert.equal((await uploadsOn(bed.server)).sessionUploads.length, before);
  });

  it('ends in a clear ProcessingError for a manifest Panopto rejects (wrong namespace)', async () => {
    const file = join(bed.dir, 'badmanifest.mp4');
    await writeMediaFile(file, 10_000);
    const wrongNamespace = (input: Parameters<typeof buildManifest>[0]) =>
      buildManifest(input).replace('http://tempuri.org/UniversalCaptureSpecification/v1', 'http://panopto.com/PanoptoSession/v1');
    await assert.rejects(uploader({ buildManifest: wrongNamespace }).upload({ filePath: file, folderId: COMP101 }), (error: unknown) => {
      assert.ok(error instanceof UploadProcessingError);
      assert.equal(error.result.state, 'failed');
      assert.match(error.message, /namespace http:\/\/tempuri\.org\/UniversalCaptureSpecification\/v1/);
      return true;
    });
  });

  it('ends in a clear ProcessingError when the manifest names a file that was not uploaded', async () => {
    const file = join(bed.dir, 'present.mp4');
    await writeMediaFile(file, 10_000);
    const otherFile = (input: Parameters<typeof buildManifest>[0]) => buildManifest({ ...input, mediaFileName: 'absent.mp4' });
    await assert.rejects(uploader({ buildManifest: otherFile }).upload({ filePath: file, folderId: COMP101 }), (error: unknown) => {
      assert.ok(error instanceof UploadProcessingError);
      assert.match(error.message, /absent\.mp4 .*was not uploaded/);
      assert.ok(error.result.uploadId);
      return true;
    });
  });

  it('passes the strict upload target (no chunked bodies, no checksum headers) and also the lenient one', async () => {
    const file = join(bed.dir, 'strict.mp4');
    await writeMediaFile(file, 6 * MIB);
    bed.server.switches.strictS3 = true;
    assert.equal((await uploader().upload({ filePath: file, folderId: COMP101 })).state, 'complete');
    bed.server.switches.strictS3 = false;
    assert.equal((await uploader().upload({ filePath: file, folderId: COMP101 })).state, 'complete');
  });

  it('refuses an empty file before creating anything on Panopto', async () => {
    const file = join(bed.dir, 'empty.mp4');
    await writeMediaFile(file, 0);
    const before = (await uploadsOn(bed.server)).sessionUploads.length;
    await assert.rejects(uploader().upload({ filePath: file, folderId: COMP101 }), /empty/);
    assert.equal((await uploadsOn(bed.server)).sessionUploads.length, before);
  });

  it('stops waiting after the processing limit and reports the upload as still processing', async () => {
    bed.server.switches.processingDelayMs = 5_000;
    const file = join(bed.dir, 'slow.mp4');
    await writeMediaFile(file, 10_000);
    const result = await uploader({ processingTimeoutMs: 100 }).upload({ filePath: file, folderId: COMP101 });
    assert.equal(result.state, 'processing');
  });
});

describe('uploader when the target refuses a part', function () {
  this.timeout(30_000);
  let server: DevServer;
  let dir: string;
  before(async () => {
    server = await startTestDevServer({ switches: { processingDelayMs: 20, maxPartSizeBytes: 1024 * 1024 } });
    dir = await tempDir();
  });
  after(async () => {
    await server?.close();
    await removeDir(dir);
  });

  it("fails with the target's reason, without retrying a 4xx, and leaves nothing half-made", async () => {
    const access = await accessFor(server);
    const file = join(dir, 'toolarge.mp4');
    await writeMediaFile(file, 6 * MIB);
    const uploader = new Uploader({ client: clientFor(access), partSizeBytes: 5 * MIB, concurrency: 2, pollIntervalMs: 20 });
    await assert.rejects(uploader.upload({ filePath: file, folderId: COMP101 }), /EntityTooLarge|at most 1048576 bytes/);
    const snapshot = await uploadsOn(server);
    assert.equal(snapshot.sessionUploads.length, 1);
    assert.equal(snapshot.sessionUploads[0].State, 2, 'the sessionUpload was cancelled');
    assert.deepEqual(snapshot.openMultipartUploads, []);
  });
});
