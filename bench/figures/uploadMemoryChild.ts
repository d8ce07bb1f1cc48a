// Child process for figures 4 and 8: uploads one file with the extension's Uploader, or several
// through its upload queue (src/uploads/queue.ts), and nothing else, so its RSS is theirs. The parent
// sends the job over IPC (the access token too, never on the command line) and gets back the peak
// RSS growth over the baseline taken just before the upload.
import type { UploadProgress, UploadResult } from '../../src/api';
import { PanoptoClient } from '../../src/panopto/client';
import { Uploader } from '../../src/panopto/uploader';
import { UploadQueue } from '../../src/uploads/queue';

export interface MemoryJob {
  serverUrl: string;
  accessToken: string;
  folderId: string;
  filePath: string;
  partSizeBytes: number;
  concurrency: number;
  /** Upload these files through the queue, `parallelFiles` at a time, instead of `filePath` alone. */
  queue?: { filePaths: string[]; parallelFiles: number };
}

export interface MemoryReport {
  baselineRss: number;
  peakRss: number;
  peakArrayBuffers: number;
  baselineArrayBuffers: number;
  durationMs: number;
  state: string;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function run(job: MemoryJob): Promise<MemoryReport> {
  const client = new PanoptoClient({ access: { getAccess: async () => ({ serverUrl: job.serverUrl, accessToken: job.accessToken }) } });
  // One uploader per file, as the extension’s queue makes them (src/uploads/uploadWork.ts).
  const newUploader = () => new Uploader({ client, partSizeBytes: job.partSizeBytes, concurrency: job.concurrency, pollIntervalMs: 50 });
  collectGarbage();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakArrayBuffers = baseline.arrayBuffers;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  };
  const sampleAll = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
  };
  const sampler = setInterval(sampleAll, 10);
  const start = Date.now();
  try {
    const result = job.queue
      ? await throughQueue(job, job.queue, newUploader, sample)
      : await newUploader().upload({ filePath: job.filePath, folderId: job.folderId, title: 'bench memory', onProgress: sample });
    return {
      baselineRss: baseline.rss,
      baselineArrayBuffers: baseline.arrayBuffers,
      peakRss,
      peakArrayBuffers,
      durationMs: Date.now() - start,
      state: result.state,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Every file through one queue; the first result that is not complete, else the last. */
async function throughQueue(
  job: MemoryJob,
  files: NonNullable<MemoryJob['queue']>,
  newUploader: () => Uploader,
  onProgress: (progress: UploadProgress) => void,
): Promise<UploadResult> {
  const queue = new UploadQueue({ createUploader: newUploader, parallelFiles: () => files.parallelFiles });
  try {
    const added = queue.add(
      files.filePaths.map((filePath) => ({ filePath, folderId: job.folderId, title: 'bench queue memory' })),
      { onProgress },
    );
    const results = await Promise.all(added.map((a) => a.done));
    return results.find((r) => r.state !== 'complete') ?? results[results.length - 1];
  } finally {
    queue.dispose();
  }
}

process.once('message', (job: MemoryJob) => {
  run(job).then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
