// `npm run bench`: measures the extension on this machine against each figure's goal (bench/figures/) and writes
// bench/RESULTS.md. One line per figure with its ratio or count and whether the goal is met.
//
// Environment (for development; the committed RESULTS.md comes from a plain full run):
//   BENCH_SCALE=0.1   shrink the upload files (1 GiB, 256 MiB, 120 MiB, 64 MiB) by this factor
//   BENCH_ONLY=1,2,5  run only these figures
// A scaled or partial run writes bench/tmp/RESULTS.md instead of bench/RESULTS.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { folderIdFor, SEED_PATHS, SEED_SIZES } from '../devserver/seedFolders';
import { PanoptoClient } from '../src/panopto/client';
import { DEFAULT_CONCURRENCY, DEFAULT_PART_SIZE } from '../src/panopto/uploader';
import { createLog, MemoryLogSink } from '../src/util/log';
import { authoring } from './figures/authoring';
import { folders } from './figures/folders';
import { refreshSingleFlight } from './figures/refreshSingleFlight';
import { startup } from './figures/startup';
import { uploadMemory } from './figures/uploadMemory';
import { uploadQueue } from './figures/uploadQueue';
import { uploadThroughput } from './figures/uploadThroughput';
import { warmGetSession } from './figures/warmGetSession';
import { BenchDevServer } from './lib/devServerProcess';
import { machineDescription } from './lib/machine';
import { resultsMarkdown } from './lib/markdown';
import { benchTempDir, removeTempDir, writeRandomFile } from './lib/mediaFile';
import { NetCounter } from './lib/netCounter';
import { verdictWord, type FigureResult } from './lib/report';
import { elapsedMs, GIB, MIB, sizeLabel } from './lib/summary';
import { signedInCore, type SignedInCore } from './lib/signedInCore';

const ROOT = resolve(__dirname, '..');

function parseScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw.trim() === '') return 1;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be a number in (0, 1], got ${JSON.stringify(raw)}`);
  return scale;
}

function parseOnly(): Set<number> {
  const raw = process.env.BENCH_ONLY?.trim();
  const all = new Set([1, 2, 3, 4, 5, 6, 7, 8]);
  if (!raw) return all;
  const picked = raw.split(',').map((s) => Number(s.trim()));
  const bad = picked.filter((n) => !all.has(n));
  if (bad.length) throw new Error(`BENCH_ONLY lists figures 1 to 8, got ${JSON.stringify(raw)}`);
  return new Set(picked);
}

/** Whole MiB, at least one part of the largest size, so scaled runs still split into parts. */
function scaled(bytes: number, scale: number): number {
  return Math.max(26 * MIB, Math.round((bytes * scale) / MIB) * MIB);
}

function log(line: string): void {
  console.log(line);
}

async function main(): Promise<number> {
  const scale = parseScale();
  const only = parseOnly();
  const full = scale === 1 && only.size === 8;
  const began = process.hrtime.bigint();
  const machine = machineDescription();
  log(`bench: ${machine}`);
  if (!full) log(`bench: partial run (BENCH_SCALE=${scale}, figures ${[...only].join(',')}): results go to bench/tmp/RESULTS.md`);

  const net = new NetCounter().start();
  const server = await BenchDevServer.start({ processingDelayMs: 10 });
  let tempDir: string | undefined;
  let setup: SignedInCore | undefined;
  const results: FigureResult[] = [];
  const stopping = async () => {
    await removeTempDir(tempDir);
    await server.close();
  };
  process.once('SIGINT', () => {
    void stopping().finally(() => process.exit(130));
  });

  const runFigure = async (n: number, title: string, body: () => Promise<FigureResult>) => {
    if (!only.has(n)) return;
    log(`\n${title}…`);
    const start = process.hrtime.bigint();
    let result: FigureResult;
    try {
      result = await body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = {
        figure: title,
        met: false,
        rows: [],
        verdict: `${title}: FAILED TO RUN: ${message}`,
        notes: [`${title} could not run: ${message}`],
      };
    }
    results.push(result);
    log(`  ${result.verdict} → ${verdictWord(result.met)} [${(elapsedMs(start) / 1000).toFixed(1)} s]`);
  };

  try {
    setup = await signedInCore(server);
    const core = setup.core;
    // The client logs as the extension's channel does by default: VS Code's default level, info (3).
    const client = new PanoptoClient({ access: core, log: createLog(new MemoryLogSink(3)) });
    tempDir = await benchTempDir();
    const dir = tempDir;

    await runFigure(1, '1. Warm getSession', () => warmGetSession(setup!, net, 5));
    await runFigure(2, '2. Refresh single-flight', () => refreshSingleFlight(setup!, server, net, 5));
    await runFigure(5, '5. Folders', () =>
      folders({
        client,
        access: core,
        folderId: folderIdFor(SEED_PATHS.stressTest),
        expectedChildren: SEED_SIZES.stressTestChildren,
        runs: 15,
        net,
      }),
    );
    await runFigure(6, '6. Start-up', () =>
      startup({
        root: ROOT,
        tempDir: dir,
        runs: 11,
        settings: { 'panopto.serverUrl': server.baseUrl, 'panopto.clientId': 'vscode-panopto-dev' },
      }),
    );
    await runFigure(7, '7. Authoring', () => authoring({ root: ROOT, core, client, net, hovers: 5, checkRuns: 9, log }));

    const bigSize = scaled(GIB, scale);
    const smallSize = scaled(256 * MIB, scale);
    const bigFile = join(dir, 'lecture-big.mp4');
    const smallFile = join(dir, 'lecture-small.mp4');
    const comp101 = folderIdFor(SEED_PATHS.comp101);
    if (only.has(3) || only.has(4)) {
      log(`\nwriting ${sizeLabel(bigSize)}${only.has(4) ? ` and ${sizeLabel(smallSize)}` : ''} of random data in ${dir}`);
      await writeRandomFile(bigFile, bigSize);
      if (only.has(4)) await writeRandomFile(smallFile, smallSize);
    }
    await runFigure(3, '3. Upload throughput', () =>
      uploadThroughput({ client, folderId: comp101, filePath: bigFile, fileSize: bigSize, defaultRuns: 3, matrixRuns: 1, log }),
    );
    await runFigure(4, '4. Upload memory', async () => {
      const { accessToken } = await core.getAccess();
      return uploadMemory(
        { serverUrl: server.baseUrl, accessToken, folderId: comp101, partSizeBytes: DEFAULT_PART_SIZE, concurrency: DEFAULT_CONCURRENCY },
        [
          { filePath: smallFile, fileSize: smallSize, runs: 3 },
          { filePath: bigFile, fileSize: bigSize, runs: 2 },
        ],
        log,
      );
    });
    await runFigure(8, '8. Uploads queue and resume', async () =>
      uploadQueue({
        root: ROOT,
        server,
        client,
        accessToken: (await core.getAccess()).accessToken,
        folderId: comp101,
        dir,
        resumeFileSize: scaled(120 * MIB, scale),
        queueFileSize: scaled(64 * MIB, scale),
        queueFiles: 4,
        resumeRuns: 2,
        memoryRuns: 2,
        throughputRuns: 3,
        log,
      }),
    );
  } finally {
    setup?.core.dispose();
    await stopping();
    net.stop();
  }

  const durationMs = elapsedMs(began);
  const markdown = resultsMarkdown({
    machine,
    date: new Date(),
    durationMs,
    settings: [
      `Upload files: ${sizeLabel(scaled(GIB, scale))} and ${sizeLabel(scaled(256 * MIB, scale))} (figures 3, 4), ${sizeLabel(scaled(120 * MIB, scale))} and 4 × ${sizeLabel(scaled(64 * MIB, scale))} (figure 8) of random data in os.tmpdir(), deleted afterwards${full ? '' : ` (BENCH_SCALE=${scale})`}`,
      'The dev server (devserver/, started by the bench on 127.0.0.1, port 0) runs in a child process; the extension code runs in the bench process, except figures 4 and 6 and the memory part of 8 (fresh child processes).',
      ...(full ? [] : [`Partial run: figures ${[...only].join(', ')}`]),
    ],
    figures: results,
  });
  const outPath = full ? join(ROOT, 'bench', 'RESULTS.md') : join(ROOT, 'bench', 'tmp', 'RESULTS.md');
  await mkdir(join(outPath, '..'), { recursive: true });
  await writeFile(outPath, markdown);

  log('\nSummary:');
  for (const r of results) log(`  ${r.verdict} → ${verdictWord(r.met)}`);
  log(`\nbench: ${(durationMs / 1000).toFixed(0)} s; wrote ${outPath.slice(ROOT.length + 1)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
