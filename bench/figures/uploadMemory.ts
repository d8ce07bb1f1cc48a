// Figure 4: upload memory. Each upload runs in a fresh child process (figures/uploadMemoryChild.ts)
// so that RSS is the uploader's alone; the peak RSS growth over the baseline taken just before the
// upload must be flat in file size and within parts in flight × part size + 64 MiB.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { metFromRows, type FigureResult, type ResultRow } from '../lib/report';
import { MIB, mib, num, sizeLabel, summarize } from '../lib/summary';
import type { MemoryJob, MemoryReport } from './uploadMemoryChild';

/** "Flat": the larger file may grow the peak by at most this much more than the smaller one. */
const FLAT_TOLERANCE = 16 * MIB;
const CHILD_TIMEOUT_MS = 180_000;

export interface MemoryCase {
  filePath: string;
  fileSize: number;
  runs: number;
}

/** Runs one job in a fresh child process (uploadMemoryChild.ts); its report, or why it failed. */
export async function measureInChild(job: MemoryJob): Promise<MemoryReport> {
  const child = fork(join(__dirname, 'uploadMemoryChild.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const answer = once(child, 'message') as Promise<[{ report?: MemoryReport; error?: string }]>;
  const exited = once(child, 'exit');
  // A stuck child must not hang the whole bench.
  const watchdog = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS).unref();
  child.send(job);
  const [message] = await Promise.race([
    answer,
    exited.then(([code]) => {
      throw new Error(`the memory child exited (code ${String(code)}) without a report`);
    }),
  ]);
  await exited;
  clearTimeout(watchdog);
  if (!message.report) throw new Error(`the memory child failed: ${message.error ?? 'no report'}`);
  if (message.report.state !== 'complete') throw new Error(`the memory child's upload ended in state ${message.report.state}`);
  return message.report;
}

export async function uploadMemory(
  base: Omit<MemoryJob, 'filePath'>,
  cases: MemoryCase[],
  log: (line: string) => void,
): Promise<FigureResult> {
  const figure = '4. Upload memory';
  const bound = base.concurrency * base.partSizeBytes + 64 * MIB;
  const rows: ResultRow[] = [];
  const medians: number[] = [];
  for (const c of cases) {
    const growth: number[] = [];
    const buffers: number[] = [];
    for (let run = 0; run < c.runs; run++) {
      const report = await measureInChild({ ...base, filePath: c.filePath });
      growth.push(report.peakRss - report.baselineRss);
      buffers.push(report.peakArrayBuffers - report.baselineArrayBuffers);
      log(
        `    ${sizeLabel(c.fileSize)}: peak RSS growth ${mib(report.peakRss - report.baselineRss)} (baseline ${mib(report.baselineRss)}), ${num(report.durationMs)} ms`,
      );
    }
    const g = summarize(growth.map((b) => b / MIB));
    medians.push(g.median * MIB);
    const ok = g.max * MIB <= bound;
    rows.push({
      figure,
      measure: `peak RSS growth, ${sizeLabel(c.fileSize)} file (c=${base.concurrency}, ${base.partSizeBytes / MIB} MiB parts)`,
      value: g,
      unit: 'MiB',
      comparison: `${num((g.max * MIB) / bound, 2)} of the bound at the max; Buffer memory growth ${num(summarize(buffers.map((b) => b / MIB)).median)} MiB`,
      goal: `≤ ${bound / MIB} MiB`,
      met: ok,
    });
  }
  const spread = medians.length > 1 ? Math.max(...medians) - Math.min(...medians) : 0;
  const flat = spread <= FLAT_TOLERANCE;
  rows.push({
    figure,
    measure: `difference of the medians between ${cases.map((c) => sizeLabel(c.fileSize)).join(' and ')}`,
    value: mib(spread),
    goal: `flat (≤ ${FLAT_TOLERANCE / MIB} MiB)`,
    met: flat,
  });
  const met = metFromRows(rows);
  return {
    figure,
    met,
    rows,
    verdict:
      `${figure}: peak RSS growth ${cases.map((c, i) => `${sizeLabel(c.fileSize)} ${mib(medians[i])}`).join(', ')} ` +
      `(goal ≤ ${bound / MIB} MiB = ${base.concurrency} × ${base.partSizeBytes / MIB} MiB + 64 MiB, and flat: difference ${mib(spread)} ≤ ${FLAT_TOLERANCE / MIB} MiB)`,
    notes: [
      `Figure 4: every upload runs in a fresh Node process that holds only the uploader (the dev server is another process); RSS is sampled every 10 ms and on each progress event, ` +
        `the baseline is taken after a GC just before \`upload()\`. Runs: ${cases.map((c) => `${sizeLabel(c.fileSize)} × ${c.runs}`).join(', ')}. ` +
        `Concurrency and part size are the extension's defaults; the bound is ${bound / MIB} MiB.`,
    ],
  };
}
