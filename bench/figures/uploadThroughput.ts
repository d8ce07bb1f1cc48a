// Figure 3: upload throughput. The same file goes (a) through the extension's Uploader (sessionUpload,
// multipart parts in parallel, complete, manifest, finish) and (b) as one plain streaming HTTP PUT
// (fs.createReadStream → undici.request with Content-Length) to the same dev server's upload target,
// in the same run. The ratio of throughputs is the figure (goal ≥ 0.85), for concurrency 1, 4, 8 ×
// part sizes 5, 10, 25 MiB. The uploader runs in this process; the dev server in its own.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { request } from 'undici';
import type { PanoptoClient } from '../../src/panopto/client';
import { SessionUploadApi } from '../../src/panopto/sessionUpload';
import { DEFAULT_CONCURRENCY, DEFAULT_PART_SIZE, Uploader } from '../../src/panopto/uploader';
import { metFromRows, type FigureResult, type ResultRow } from '../lib/report';
import { RequestTimings } from '../lib/requestTimings';
import { describe, elapsedMs, MIB, num, sizeLabel, summarize, type Summary } from '../lib/summary';

export const CONCURRENCIES = [1, 4, 8];
export const PART_SIZES = [5 * MIB, 10 * MIB, 25 * MIB];
const GOAL_RATIO = 0.85;
const UPLOAD_TIMEOUT_MS = 180_000;

export interface ThroughputOptions {
  client: PanoptoClient;
  folderId: string;
  filePath: string;
  fileSize: number;
  /** Runs of the default combination (the extension's defaults) and of the raw PUT. */
  defaultRuns: number;
  /** Runs of every combination (the default one then gets more, up to defaultRuns). */
  matrixRuns: number;
  log: (line: string) => void;
}

interface UploadTiming {
  /** Start → Panopto told the upload is done (all bytes sent, parts completed, manifest sent). */
  totalMs: number;
  /** Start → last part acknowledged (the transfer itself, without complete/manifest/finish). */
  partsMs: number;
  /** The CompleteMultipartUpload request (the dev server concatenates and hashes the parts meanwhile). */
  completeMs: number;
}

async function timeUploader(o: ThroughputOptions, concurrency: number, partSizeBytes: number): Promise<UploadTiming> {
  const uploader = new Uploader({ client: o.client, partSizeBytes, concurrency, pollIntervalMs: 50 });
  let lastProgress = 0n;
  let sentAt = 0n;
  const timings = new RequestTimings().start();
  const start = process.hrtime.bigint();
  const result = await uploader.upload({
    filePath: o.filePath,
    folderId: o.folderId,
    title: 'bench upload',
    // A stuck upload must not hang the whole bench.
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    onProgress: () => {
      lastProgress = process.hrtime.bigint();
    },
    onPhase: (phase) => {
      if (phase === 'processing') sentAt = process.hrtime.bigint();
    },
  });
  timings.stop();
  // Complete is the POST ?uploadId=… (initiate is POST ?uploads).
  const complete = timings.done.find((r) => r.method === 'POST' && /[?&]uploadId=/.test(r.path) && r.path.includes('/Panopto/Upload/'));
  if (result.state !== 'complete') {
    throw new Error(`the uploader finished in state ${result.state}${result.message ? `: ${result.message}` : ''}`);
  }
  return { totalMs: Number(sentAt - start) / 1e6, partsMs: Number(lastProgress - start) / 1e6, completeMs: complete?.ms ?? NaN };
}

/** The physical reference: one streaming PUT of the whole file into a fresh sessionUpload's target. */
async function timeRawPut(o: ThroughputOptions): Promise<number> {
  const api = new SessionUploadApi(o.client);
  const upload = await api.create(o.folderId);
  try {
    const url = `${upload.UploadTarget.replace(/\/+$/, '')}/${encodeURIComponent(basename(o.filePath))}`;
    const start = process.hrtime.bigint();
    const res = await request(url, {
      method: 'PUT',
      headers: { 'content-length': String(o.fileSize) },
      body: createReadStream(o.filePath),
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    await res.body.text();
    const ms = elapsedMs(start);
    if (res.statusCode !== 200) throw new Error(`the raw PUT answered ${res.statusCode}`);
    return ms;
  } finally {
    await api.cancel(upload.ID).catch(() => undefined);
  }
}

export async function uploadThroughput(o: ThroughputOptions): Promise<FigureResult> {
  const figure = '3. Upload throughput';
  const mibPerSecond = (ms: number) => o.fileSize / MIB / (ms / 1000);
  const rawMs: number[] = [];
  const combos = CONCURRENCIES.flatMap((c) => PART_SIZES.map((p) => ({ c, p })));
  const timings = new Map<string, UploadTiming[]>();
  const key = (c: number, p: number) => `${c}×${p}`;
  const isDefault = (c: number, p: number) => c === DEFAULT_CONCURRENCY && p === DEFAULT_PART_SIZE;

  const raw = async () => {
    const ms = await timeRawPut(o);
    rawMs.push(ms);
    o.log(`    raw PUT: ${num(mibPerSecond(ms))} MiB/s`);
  };
  const upload = async (c: number, p: number) => {
    const timing = await timeUploader(o, c, p);
    timings.set(key(c, p), [...(timings.get(key(c, p)) ?? []), timing]);
    o.log(
      `    uploader c=${c} ${p / MIB} MiB parts: ${num(mibPerSecond(timing.totalMs))} MiB/s ` +
        `(transfer alone ${num(mibPerSecond(timing.partsMs))} MiB/s; complete request ${num(timing.completeMs)} ms)`,
    );
  };

  // Interleaved, so that a slow spell of the shared machine hits both sides:
  // raw, the 9 combinations, then (raw, default) until each has its runs.
  await raw();
  for (let run = 0; run < o.matrixRuns; run++) {
    for (const { c, p } of combos) await upload(c, p);
  }
  for (let run = o.matrixRuns; run < o.defaultRuns; run++) {
    await raw();
    await upload(DEFAULT_CONCURRENCY, DEFAULT_PART_SIZE);
  }

  const rawRate = summarize(rawMs.map(mibPerSecond));
  const rows: ResultRow[] = [
    { figure, measure: `raw streaming PUT of ${sizeLabel(o.fileSize)} (reference)`, value: rawRate, unit: 'MiB/s' },
  ];
  let defaultRatio: Summary | undefined;
  let defaultWithoutComplete: Summary | undefined;
  const missed: string[] = [];
  const ratios: number[] = [];
  for (const { c, p } of combos) {
    const list = timings.get(key(c, p)) ?? [];
    const rate = summarize(list.map((t) => mibPerSecond(t.totalMs)));
    const transfer = summarize(list.map((t) => mibPerSecond(t.partsMs)));
    const completeShare = summarize(list.map((t) => t.completeMs / t.totalMs));
    const withoutComplete = summarize(list.map((t) => mibPerSecond(t.totalMs - t.completeMs) / rawRate.median));
    const ratio = summarize(list.map((t) => mibPerSecond(t.totalMs) / rawRate.median));
    ratios.push(ratio.median);
    if (isDefault(c, p)) {
      defaultRatio = ratio;
      defaultWithoutComplete = withoutComplete;
    }
    const met = ratio.median >= GOAL_RATIO;
    if (!met) missed.push(`c=${c}/${p / MIB} MiB ${num(ratio.median, 2)}`);
    rows.push({
      figure,
      measure: `uploader, concurrency ${c}, ${p / MIB} MiB parts${isDefault(c, p) ? ' (extension default)' : ''}`,
      value: rate,
      unit: 'MiB/s',
      comparison:
        `ratio ${describe(ratio, '', 2)}; without the complete request ${num(withoutComplete.median, 2)} ` +
        `(complete = ${num(completeShare.median * 100, 2)}% of the time); transfer alone ${num(transfer.median)} MiB/s = ${num(transfer.median / rawRate.median, 2)}`,
      goal: `≥ ${GOAL_RATIO}`,
      met,
    });
  }
  const met = metFromRows(rows);
  const best = Math.max(...ratios);
  const worst = Math.min(...ratios);
  return {
    figure,
    met,
    rows,
    verdict:
      `${figure}: ${sizeLabel(o.fileSize)}, uploader / raw PUT throughput ratio: default (c=${DEFAULT_CONCURRENCY}, ${DEFAULT_PART_SIZE / MIB} MiB parts) ` +
      `${defaultRatio ? describe(defaultRatio, '', 2) : 'n/a'}, ${num(worst, 2)}–${num(best, 2)} over the 9 combinations (goal ≥ ${GOAL_RATIO} each` +
      `${met ? '' : `; below: ${missed.join(', ')}`}); default without the complete request ${defaultWithoutComplete ? num(defaultWithoutComplete.median, 2) : 'n/a'}; ` +
      `raw PUT ${describe(rawRate, 'MiB/s')}`,
    notes: [
      `Figure 3: ${o.matrixRuns} run(s) per combination and ${o.defaultRuns} for the extension default (c=${DEFAULT_CONCURRENCY}, ${DEFAULT_PART_SIZE / MIB} MiB) and for the raw PUT, interleaved, to stay within the time limit. ` +
        'Uploader time runs from `upload()` until it reports the processing phase (sessionUpload created, every part acknowledged, complete, manifest, State 1); ' +
        '"transfer alone" stops at the last part\'s acknowledgement. The raw PUT is one `undici.request` PUT with a `fs.createReadStream` body into a fresh sessionUpload\'s target (PutObject), then cancelled. ' +
        'The dev server runs in a child process; it streams every body to disk (MD5 per part; SHA-256 + MD5 for PutObject) and on complete concatenates the parts into one file, hashing it — a copy of the whole file that the raw PUT does not pay, and that real S3 does not make.',
    ],
  };
}
