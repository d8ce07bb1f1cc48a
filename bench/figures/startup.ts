// Figure 6: start-up. Builds dist/extension.js as `npm run build` does (its bundling step,
// `node esbuild.mjs --production`; the other step, `tsc --noEmit`, writes nothing), reports its size
// (goal ≤ 1 MiB), then times require + activate() in fresh plain-Node processes with the 'vscode'
// stand-in, counting network requests (goal zero).
import { spawn, fork } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { FigureResult } from '../lib/report';
import { describe, elapsedMs, MIB, num, summarize } from '../lib/summary';
import type { ActivationReport } from '../startup/activateChild';

const SIZE_GOAL = MIB;
const CHILD_TIMEOUT_MS = 60_000;

async function buildExtension(root: string): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`node esbuild.mjs --production exited with ${String(code)}`);
  return elapsedMs(start);
}

/**
 * Where the bundle's bytes come from, by package. A second, in-memory build with esbuild.mjs's
 * production options plus a metafile (esbuild.mjs writes none); used only to attribute the size.
 */
async function sizeByPackage(root: string): Promise<{ name: string; bytes: number }[]> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    legalComments: 'none',
    outfile: 'dist/extension.js',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('src/') ? 'src/ (the extension)' : file);
      byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

async function bundleChild(outDir: string): Promise<string> {
  const outfile = join(outDir, 'activateChild.cjs');
  await esbuild.build({
    entryPoints: [join(__dirname, '..', 'startup', 'activateChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

async function activateOnce(childPath: string, root: string, settings: Record<string, unknown>): Promise<ActivationReport> {
  const child = fork(childPath, [], {
    execArgv: [],
    env: { ...process.env, BENCH_ROOT: root, BENCH_SETTINGS: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  // A stuck child must not hang the whole bench.
  const watchdog = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS).unref();
  const [message] = (await Promise.race([
    once(child, 'message'),
    exited.then(([code]) => {
      throw new Error(`the activation child exited (code ${String(code)}) without a report`);
    }),
  ])) as [{ report?: ActivationReport; error?: string }];
  await exited;
  clearTimeout(watchdog);
  if (!message.report) throw new Error(`the activation child failed: ${message.error ?? 'no report'}`);
  return message.report;
}

export async function startup(options: { root: string; tempDir: string; runs: number; settings: Record<string, unknown> }): Promise<FigureResult> {
  const figure = '6. Start-up';
  const buildMs = await buildExtension(options.root);
  const size = (await stat(join(options.root, 'dist', 'extension.js'))).size;
  const composition = await sizeByPackage(options.root).catch(() => []);
  const topParts = composition.slice(0, 8).map((p) => `${p.name} ${num(p.bytes / 1024)} KiB`).join(', ');
  const childPath = await bundleChild(options.tempDir);
  const reports: ActivationReport[] = [];
  for (let run = 0; run < options.runs; run++) {
    reports.push(await activateOnce(childPath, options.root, options.settings));
  }
  const requireMs = summarize(reports.map((r) => r.requireMs));
  const activateMs = summarize(reports.map((r) => r.activateMs));
  const totalMs = summarize(reports.map((r) => r.requireMs + r.activateMs));
  const requests = reports.map((r) => r.requests + r.sockets);
  const errors = [...new Set(reports.flatMap((r) => (r.error ? [r.error] : [])))];
  const calls = reports[0]?.vscodeCalls ?? [];
  const callCounts = new Map<string, number>();
  for (const c of calls) callCounts.set(c, (callCounts.get(c) ?? 0) + 1);
  const callSummary = [...callCounts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
  const sizeMet = size <= SIZE_GOAL;
  const quiet = requests.every((n) => n === 0);
  const met = sizeMet && quiet && errors.length === 0;
  return {
    figure,
    met,
    verdict:
      `${figure}: dist/extension.js ${num(size / 1024)} KiB (goal ≤ 1024 KiB${sizeMet || !topParts ? '' : `; largest: ${composition.slice(0, 3).map((p) => `${p.name} ${num(p.bytes / 1024)} KiB`).join(', ')}`}); require + activate ${describe(totalMs, 'ms')} ` +
      `(require ${num(requireMs.median)} ms, activate ${num(activateMs.median)} ms); network requests during activation ${requests.join(', ')} (goal 0)` +
      `${errors.length ? `; activate threw: ${errors.join('; ')}` : ''}`,
    rows: [
      {
        figure,
        measure: 'size of dist/extension.js (production build)',
        value: `${num(size / 1024)} KiB`,
        comparison: `${num(size / SIZE_GOAL, 2)} of the goal${topParts ? `; largest parts: ${topParts}` : ''}`,
        goal: '≤ 1 MiB',
        met: sizeMet,
      },
      { figure, measure: 'require(dist/extension.js)', value: requireMs, unit: 'ms' },
      { figure, measure: 'activate(context)', value: activateMs, unit: 'ms' },
      { figure, measure: 'require + activate', value: totalMs, unit: 'ms' },
      { figure, measure: `network requests and sockets during activation + ${500} ms (per run)`, value: requests.join(', '), goal: '0', met: quiet },
      { figure, measure: 'SecretStorage reads during activation (per run)', value: reports.map((r) => r.secretReads).join(', ') },
    ],
    notes: [
      `Figure 6: built with \`node esbuild.mjs --production\` (${num(buildMs / 1000)} s; the bundling step of \`npm run build\`). Each of ${options.runs} runs is a fresh plain-Node process ` +
        "that hooks Module._resolveFilename so require('vscode') gets bench/startup/vscodeStandIn.ts (a stand-in that exists only to time activation), " +
        `then requires the bundle and awaits activate(); settings point panopto.serverUrl at the bench's dev server so that any eager request would be counted. ` +
        `VS Code calls made by activate: ${callSummary || 'none'}; ${reports[0]?.subscriptions ?? 0} subscriptions.`,
      ...errors.map((e) => `activate() threw under the stand-in: ${e} (the stand-in may lack an API the extension uses; the time is then up to the throw).`),
    ],
  };
}
