// Child process for figure 4: uploads one file with the extension's Uploader and nothing else, so
// its RSS is the uploader's. The parent sends the job over IPC (the access token too, never on the
// command line) and gets back the peak RSS growth over the baseline taken just before the upload.
import { PanoptoClient } from '../../src/panopto/client';
import { Uploader } from '../../src/panopto/uploader';

export interface MemoryJob {
  serverUrl: string;
  accessToken: string;
  folderId: string;
  filePath: string;
  partSizeBytes: number;
  concurrency: number;
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
  const uploader = new Uploader({ client, partSizeBytes: job.partSizeBytes, concurrency: job.concurrency, pollIntervalMs: 50 });
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
    const result = await uploader.upload({ filePath: job.filePath, folderId: job.folderId, title: 'bench memory', onProgress: sample });
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

process.once('message', (job: MemoryJob) => {
  run(job).then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
