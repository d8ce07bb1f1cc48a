// Figure 8: the upload queue (src/uploads/queue.ts) and resume, with the extension's defaults (part
// size, parts in flight, files at a time), against the dev server in its own process:
// (a) a file cut off at 50 % (the target resets every connection) and resumed: the bytes sent again
//     are at most concurrency × part size;
// (b) a reload: from reading the persisted state (globalState and SecretStorage files) and building
//     the queue over it, as the uploads area does on activation, to the first resumed part byte
//     written to the server: at most 2 s;
// (c) the peak RSS growth of 4 files through the queue, in a fresh process: at most
//     concurrency × part size × parallel files + 64 MiB;
// (d) 4 files through the queue against the same 4 uploaded one after another: throughput ratio ≥ 1.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UploadResult } from '../../src/api';
import type { PanoptoClient } from '../../src/panopto/client';
import { DEFAULT_CONCURRENCY, DEFAULT_PART_SIZE, Uploader, type UploaderOptions } from '../../src/panopto/uploader';
import { UploadQueue, type QueueOptions } from '../../src/uploads/queue';
import type { UploadItem } from '../../src/uploads/queueItem';
import { ResumeStore } from '../../src/uploads/resumeStore';
import type { BenchDevServer } from '../lib/devServerProcess';
import { writeRandomFile } from '../lib/mediaFile';
import { PartBytes } from '../lib/partBytes';
import { JsonFileSecrets, JsonFileState } from '../lib/persistedStores';
import { metFromRows, type FigureResult, type ResultRow } from '../lib/report';
import { describe, elapsedMs, MIB, mib, num, sizeLabel, summarize } from '../lib/summary';
import { measureInChild } from './uploadMemory';

const FIRST_BYTE_GOAL_MS = 2_000;
const THROUGHPUT_GOAL = 1.0;
const STEP_TIMEOUT_MS = 180_000;
/** Window 1 gives up on the cut parts quickly (one retry), so the bench does not wait out the backoff. */
const GIVE_UP_FAST: UploaderOptions['partRetry'] = { maxRetries: 1, baseDelayMs: 50, maxDelayMs: 100 };
const NEVER_DURING_THE_BENCH_MS = 3_600_000;

export interface QueueFigureOptions {
  root: string;
  server: BenchDevServer;
  client: PanoptoClient;
  accessToken: string;
  folderId: string;
  dir: string;
  resumeFileSize: number;
  queueFileSize: number;
  queueFiles: number;
  resumeRuns: number;
  memoryRuns: number;
  throughputRuns: number;
  log: (line: string) => void;
}

/** The default of a setting as package.json declares it. */
async function settingDefault(root: string, key: string): Promise<unknown> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    contributes: {
      configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[];
    };
  };
  const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
  const found = sections.find((s) => key in s.properties);
  if (!found) throw new Error(`package.json declares no setting ${key}`);
  return found.properties[key].default;
}

function whenItem(queue: UploadQueue, id: string, done: (item: UploadItem) => boolean, what: string): Promise<UploadItem> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const item = queue.get(id);
      if (item && done(item)) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(item);
      }
    };
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the upload was not ${what} within ${STEP_TIMEOUT_MS / 1000} s (state ${queue.get(id)?.state})`));
    }, STEP_TIMEOUT_MS);
    const subscription = queue.onDidChange(check);
    check();
  });
}

interface ResumeRun {
  cutAtBytes: number;
  /** Bytes the resume sent for parts the first window had already started. */
  resentBytes: number;
  /** Everything sent in both windows beyond the file's size. */
  overheadBytes: number;
  restoredMs: number;
  /** The resume's first request (asking Panopto about the upload). */
  firstRequestMs: number;
  firstByteMs: number;
  result: UploadResult;
  sameUpload: boolean;
}

async function interruptAndResume(o: QueueFigureOptions, parallelFiles: number, run: number): Promise<ResumeRun> {
  const filePath = join(o.dir, `resume-${run}.mp4`);
  const statePath = join(o.dir, `globalState-${run}.json`);
  const secretsPath = join(o.dir, `secrets-${run}.json`);
  await writeRandomFile(filePath, o.resumeFileSize);
  const scope = `${o.server.baseUrl}|ada`;
  const uploader = (extra: Partial<UploaderOptions>) => () =>
    new Uploader({ client: o.client, partSizeBytes: DEFAULT_PART_SIZE, concurrency: DEFAULT_CONCURRENCY, pollIntervalMs: 50, ...extra });
  const window = async (extra: Partial<UploaderOptions>, options: Partial<QueueOptions> = {}) => {
    const store = new ResumeStore(await JsonFileState.load(statePath), await JsonFileSecrets.load(secretsPath), scope);
    const queue = new UploadQueue({ createUploader: uploader(extra), parallelFiles: () => parallelFiles, store, ...options });
    return { store, queue };
  };

  // Window 1: the upload runs until half of it is sent, then every connection to the target is reset.
  const first = new PartBytes().start();
  const one = await window({ partRetry: GIVE_UP_FAST }, { resumeDelayMs: () => NEVER_DURING_THE_BENCH_MS });
  let cutAtBytes = 0;
  let cutUploadId: string | undefined;
  let cutting: Promise<void> | undefined;
  const [added] = one.queue.add([{ filePath, folderId: o.folderId, title: 'bench resume' }], {
    onProgress: ({ bytesSent, totalBytes }) => {
      if (cutting || bytesSent < totalBytes / 2) return;
      cutAtBytes = bytesSent;
      cutting = o.server.setSwitches({ uploadOutageMode: 'reset', uploadOutageMs: NEVER_DURING_THE_BENCH_MS });
    },
  });
  try {
    await whenItem(one.queue, added.item.id, (i) => i.state !== 'queued' && i.state !== 'uploading', 'interrupted');
    await cutting;
    if (added.item.state !== 'interrupted') throw new Error(`the cut upload ended ${added.item.state}, not interrupted`);
    await one.store.flush();
    cutUploadId = one.store.list()[0]?.checkpoint.sessionUploadId;
  } finally {
    first.stop();
    one.queue.dispose(); // the window closes
    await o.server.setSwitches({ uploadOutageMs: 0 });
  }

  // Window 2, as a reload: read the persisted state, build the queue over it, restore; the
  // uploader and the queue's pause before resuming are the extension's defaults.
  const second = new PartBytes().start();
  const start = process.hrtime.bigint();
  const two = await window({});
  try {
    await two.queue.restore();
    const restoredMs = elapsedMs(start);
    const restored = two.queue.items();
    if (restored.length !== 1) throw new Error(`the reloaded queue restored ${restored.length} uploads, not 1`);
    const result = await Promise.race([
      two.queue.result(restored[0].id)!,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the resumed upload did not finish in time')), STEP_TIMEOUT_MS).unref(),
      ),
    ]);
    second.stop();
    if (second.firstByteAt === undefined) throw new Error('the resume sent no part');
    let resentBytes = 0;
    for (const [part, bytes] of second.byPart) if (first.byPart.has(part)) resentBytes += bytes;
    return {
      cutAtBytes,
      resentBytes,
      overheadBytes: first.total() + second.total() - o.resumeFileSize,
      restoredMs,
      firstRequestMs: Number((second.firstRequestAt ?? second.firstByteAt) - start) / 1e6,
      firstByteMs: Number(second.firstByteAt - start) / 1e6,
      result,
      sameUpload: cutUploadId !== undefined && result.uploadId === cutUploadId,
    };
  } finally {
    second.stop();
    two.queue.dispose();
  }
}

/** The same files through one queue (with its resume store, as in the extension), all at once. */
async function timeQueue(o: QueueFigureOptions, files: string[], parallelFiles: number, run: number): Promise<number> {
  const store = new ResumeStore(
    await JsonFileState.load(join(o.dir, `queue-state-${run}.json`)),
    await JsonFileSecrets.load(join(o.dir, `queue-secrets-${run}.json`)),
    `${o.server.baseUrl}|ada`,
  );
  const queue = new UploadQueue({
    createUploader: () =>
      new Uploader({ client: o.client, partSizeBytes: DEFAULT_PART_SIZE, concurrency: DEFAULT_CONCURRENCY, pollIntervalMs: 50 }),
    parallelFiles: () => parallelFiles,
    store,
  });
  try {
    const start = process.hrtime.bigint();
    const results = await Promise.all(
      queue.add(files.map((filePath) => ({ filePath, folderId: o.folderId, title: 'bench queue' }))).map((a) => a.done),
    );
    const ms = elapsedMs(start);
    const bad = results.find((r) => r.state !== 'complete');
    if (bad) throw new Error(`a queued upload ended ${bad.state}${bad.message ? `: ${bad.message}` : ''}`);
    return ms;
  } finally {
    queue.dispose();
  }
}

/** The reference: the same files, one Uploader.upload after the other. */
async function timeOneAfterAnother(o: QueueFigureOptions, files: string[]): Promise<number> {
  const start = process.hrtime.bigint();
  for (const filePath of files) {
    const uploader = new Uploader({
      client: o.client,
      partSizeBytes: DEFAULT_PART_SIZE,
      concurrency: DEFAULT_CONCURRENCY,
      pollIntervalMs: 50,
    });
    const result = await uploader.upload({ filePath, folderId: o.folderId, title: 'bench one after another' });
    if (result.state !== 'complete') throw new Error(`an upload ended ${result.state}${result.message ? `: ${result.message}` : ''}`);
  }
  return elapsedMs(start);
}

export async function uploadQueue(o: QueueFigureOptions): Promise<FigureResult> {
  const figure = '8. Uploads queue and resume';
  const parallelFiles = Number(await settingDefault(o.root, 'panopto.upload.parallelFiles'));
  const c = DEFAULT_CONCURRENCY;
  const part = DEFAULT_PART_SIZE;
  const resentGoal = c * part;
  const memoryGoal = c * part * parallelFiles + 64 * MIB;

  // (a) and (b)
  const resumes: ResumeRun[] = [];
  for (let run = 0; run < o.resumeRuns; run++) {
    const r = await interruptAndResume(o, parallelFiles, run);
    resumes.push(r);
    o.log(
      `    resume ${run + 1}: cut at ${mib(r.cutAtBytes)}, sent again ${mib(r.resentBytes)} (all overhead ${mib(r.overheadBytes)}); ` +
        `restored in ${num(r.restoredMs)} ms, first request after ${num(r.firstRequestMs)} ms, first resumed byte after ${num(r.firstByteMs)} ms; ${r.result.state}${r.sameUpload ? ', same upload' : ', NOT the same upload'}`,
    );
  }
  const resent = summarize(resumes.map((r) => r.resentBytes / MIB));
  const firstByte = summarize(resumes.map((r) => r.firstByteMs));
  const restored = summarize(resumes.map((r) => r.restoredMs));
  const firstRequest = summarize(resumes.map((r) => r.firstRequestMs));
  const resentOk = resent.max * MIB <= resentGoal;
  const firstByteOk = firstByte.max <= FIRST_BYTE_GOAL_MS;
  const resumedOk = resumes.every((r) => r.result.state === 'complete' && r.sameUpload);

  // (c) and (d): the same files
  const files: string[] = [];
  for (let i = 0; i < o.queueFiles; i++) {
    files.push(join(o.dir, `queued-${i}.mp4`));
    await writeRandomFile(files[i], o.queueFileSize);
  }
  const growth: number[] = [];
  const bufferGrowth: number[] = [];
  for (let run = 0; run < o.memoryRuns; run++) {
    const report = await measureInChild({
      serverUrl: o.server.baseUrl,
      accessToken: o.accessToken,
      folderId: o.folderId,
      filePath: files[0],
      partSizeBytes: part,
      concurrency: c,
      queue: { filePaths: files, parallelFiles },
    });
    growth.push(report.peakRss - report.baselineRss);
    bufferGrowth.push(report.peakArrayBuffers - report.baselineArrayBuffers);
    o.log(
      `    queue memory ${run + 1}: peak RSS growth ${mib(growth[run])} (baseline ${mib(report.baselineRss)}; Buffer memory growth ${mib(bufferGrowth[run])}), ${num(report.durationMs)} ms`,
    );
  }
  const memory = summarize(growth.map((b) => b / MIB));
  const memoryOk = memory.max * MIB <= memoryGoal;

  const queueMs: number[] = [];
  const serialMs: number[] = [];
  for (let run = 0; run < o.throughputRuns; run++) {
    // Alternate which goes first, so a slow spell of the shared machine hits both.
    if (run % 2 === 0) {
      queueMs.push(await timeQueue(o, files, parallelFiles, run));
      serialMs.push(await timeOneAfterAnother(o, files));
    } else {
      serialMs.push(await timeOneAfterAnother(o, files));
      queueMs.push(await timeQueue(o, files, parallelFiles, run));
    }
    o.log(`    ${o.queueFiles} files: queue ${num(queueMs[run])} ms, one after another ${num(serialMs[run])} ms`);
  }
  const totalMiB = (o.queueFiles * o.queueFileSize) / MIB;
  const ratio = summarize(queueMs.map((ms, i) => serialMs[i] / ms));
  const ratioOk = ratio.median >= THROUGHPUT_GOAL;
  const queueRate = summarize(queueMs.map((ms) => totalMiB / (ms / 1000)));
  const serialRate = summarize(serialMs.map((ms) => totalMiB / (ms / 1000)));

  const rows: ResultRow[] = [
    {
      figure,
      measure: `bytes sent again after a cut at 50 % and a resume (${sizeLabel(o.resumeFileSize)} file)`,
      value: resent,
      unit: 'MiB',
      comparison: `all bytes sent beyond the file's size, both windows: ${describe(summarize(resumes.map((r) => r.overheadBytes / MIB)), 'MiB')}`,
      goal: `≤ ${resentGoal / MIB} MiB (${c} × ${part / MIB} MiB)`,
      met: resentOk,
    },
    {
      figure,
      measure: 'reload → first resumed byte written to the server',
      value: firstByte,
      unit: 'ms',
      comparison: `state read and queue restored after ${describe(restored, 'ms')}; the resume's first request (the queue's pause before resuming is over) after ${describe(firstRequest, 'ms')}`,
      goal: `≤ ${FIRST_BYTE_GOAL_MS} ms`,
      met: firstByteOk,
    },
    {
      figure,
      measure: 'resumed uploads that completed as the same Panopto upload',
      value: `${resumes.filter((r) => r.result.state === 'complete' && r.sameUpload).length} of ${resumes.length}`,
      goal: 'all',
      met: resumedOk,
    },
    {
      figure,
      measure: `peak RSS growth, ${o.queueFiles} × ${sizeLabel(o.queueFileSize)} through the queue (${parallelFiles} files at a time, c=${c}, ${part / MIB} MiB parts)`,
      value: memory,
      unit: 'MiB',
      comparison: `${num((memory.max * MIB) / memoryGoal, 2)} of the bound at the max; Buffer memory growth ${describe(summarize(bufferGrowth.map((b) => b / MIB)), 'MiB')}`,
      goal: `≤ ${memoryGoal / MIB} MiB (${c} × ${part / MIB} MiB × ${parallelFiles} + 64 MiB)`,
      met: memoryOk,
    },
    {
      figure,
      measure: `${o.queueFiles} × ${sizeLabel(o.queueFileSize)} through the queue`,
      value: queueRate,
      unit: 'MiB/s',
      comparison: `throughput ratio to one after another ${describe(ratio, '', 3)}`,
      goal: `ratio ≥ ${THROUGHPUT_GOAL} (median)`,
      met: ratioOk,
    },
    { figure, measure: 'the same files one after another, Uploader.upload each (reference)', value: serialRate, unit: 'MiB/s' },
  ];
  const misses = [
    resentOk ? '' : `sent again up to ${mib(resent.max * MIB)}`,
    firstByteOk ? '' : `first resumed byte after up to ${num(firstByte.max)} ms`,
    resumedOk ? '' : 'a resume did not complete the same upload',
    memoryOk ? '' : `peak RSS growth up to ${mib(memory.max * MIB)}`,
    ratioOk ? '' : `throughput ratio ${num(ratio.median, 3)}`,
  ].filter(Boolean);
  return {
    figure,
    met: metFromRows(rows),
    rows,
    verdict:
      `${figure}: cut at 50 % and resumed: sent again ${describe(resent, 'MiB')} (goal ≤ ${resentGoal / MIB} MiB); reload → first resumed byte ${describe(firstByte, 'ms')} (goal ≤ ${FIRST_BYTE_GOAL_MS} ms); ` +
      `${o.queueFiles}-file queue: peak RSS growth ${describe(memory, 'MiB')} (goal ≤ ${memoryGoal / MIB} MiB), throughput ratio to one after another ${describe(ratio, '', 3)} (goal ≥ ${THROUGHPUT_GOAL})` +
      `${misses.length ? `; missed: ${misses.join(', ')}` : ''}`,
    notes: [
      `Figure 8: the extension's defaults (${part / MIB} MiB parts, ${c} in flight, ${parallelFiles} files at a time from package.json). ` +
        `(a, b) ${o.resumeRuns} run(s): a ${sizeLabel(o.resumeFileSize)} file goes through an UploadQueue with a ResumeStore over globalState and SecretStorage stand-ins kept in JSON files; ` +
        'when half of it is reported sent, the dev server resets every upload connection (uploadOutageMode reset) and the upload ends interrupted (this window retries a cut part once instead of the default backoff); the queue is disposed (the window closes) and the outage ended. ' +
        "Then, timed, as a reload: both files are read, a new ResumeStore and UploadQueue are built over them and restore() runs, with the extension's uploader settings and the queue's default pause before a resume; " +
        'the clock stops when the first part byte is written to a connection (undici bodyChunkSent on diagnostics_channel). "Sent again" counts the part bytes the resume wrote for parts the first window had started. ' +
        `(c) ${o.memoryRuns} run(s) in a fresh process holding only the queue and its uploaders (figures/uploadMemoryChild.ts). ` +
        `(d) ${o.throughputRuns} run(s), alternating which goes first: the queue (with its resume store) against a loop of Uploader.upload, both until every upload is complete on the dev server (processing polled every 50 ms).`,
      ...(firstByteOk
        ? []
        : [
            `Figure 8 (b) missed: the reloaded queue made its first request only ${num(firstRequest.median)} ms after the reload began (median): restore() sends a restored upload through the same pause as one cut by a network loss ` +
              `(src/uploads/queue.ts, requeue with resumeDelayMs(0), 2 s by default); asking Panopto about the upload and ListParts then took ${num(firstByte.median - firstRequest.median)} ms before the first part byte.`,
          ]),
    ],
  };
}
