// A file of 300 MiB through the whole upload path, with the uploader's memory measured.
// The dev server runs in this process too, so the measured growth includes its side; both stream,
// so the bound parts-in-flight × part size + 64 MiB must hold for the sum.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Uploader } from '../../../src/panopto/uploader';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import {
  accessFor,
  clientFor,
  COMP101,
  MIB,
  removeDir,
  sha256OfFile,
  tempDir,
  uploadsOn,
  writeMediaFile,
} from '../../support/uploadFixture';

const FILE_SIZE = 300 * MIB;
const PART_SIZE = 10 * MIB;
const CONCURRENCY = 4;

describe('uploader with a 300 MiB file', function () {
  this.timeout(10 * 60_000);
  let server: DevServer;
  let dir: string | undefined;

  before(async () => {
    server = await startTestDevServer({ switches: { processingDelayMs: 20 } });
  });
  after(async () => {
    await server?.close();
    await removeDir(dir);
  });

  it('reaches Complete with identical bytes on the server, memory bounded by the parts in flight', async () => {
    dir = await tempDir();
    const file = join(dir, 'big lecture.mp4');
    await writeMediaFile(file, FILE_SIZE);
    const access = await accessFor(server);
    const uploader = new Uploader({ client: clientFor(access), partSizeBytes: PART_SIZE, concurrency: CONCURRENCY, pollIntervalMs: 50 });

    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakBuffers = baseline.arrayBuffers;
    const sample = () => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    };
    const sampler = setInterval(sample, 10);
    let lastProgress = 0;
    let result;
    try {
      result = await uploader.upload({
        filePath: file,
        folderId: COMP101,
        onProgress: (p) => {
          lastProgress = p.bytesSent;
          sample();
        },
      });
    } finally {
      clearInterval(sampler);
    }
    assert.equal(result.state, 'complete');
    assert.equal(lastProgress, FILE_SIZE);

    const growth = peakRss - baseline.rss;
    const bufferGrowth = peakBuffers - baseline.arrayBuffers;
    const bound = CONCURRENCY * PART_SIZE + 64 * MIB;
    console.log(
      `      upload memory for ${FILE_SIZE / MIB} MiB (${CONCURRENCY} × ${PART_SIZE / MIB} MiB parts): ` +
        `peak RSS growth ${(growth / MIB).toFixed(1)} MiB, peak Buffer growth ${(bufferGrowth / MIB).toFixed(1)} MiB, ` +
        `bound ${bound / MIB} MiB`,
    );
    assert.ok(growth <= bound, `RSS grew by ${(growth / MIB).toFixed(1)} MiB, more than ${bound / MIB} MiB`);

    const stored = (await uploadsOn(server)).files.find((f) => f.sessionUploadId === result.uploadId && f.name === 'big lecture.mp4');
    assert.equal(stored?.size, FILE_SIZE);
    assert.equal(stored?.sha256, await sha256OfFile(file));
  });
});
