// Figure 6: start-up. Builds the extension as `npm run build` does (its bundling step,
// `node esbuild.mjs --production`; the other step, `tsc --noEmit`, writes nothing) into a directory of
// its own, so a concurrent development build of dist/ cannot be measured by mistake. Activation loads
// dist/main.cjs and, through V8's code cache, dist/extension.js only; dist/vendor.js (undici,
// openid-client, fast-xml-parser) waits for the first network use (src/vendor/load.ts),
// dist/features.js for the first command or view that needs it (src/features/load.ts). Goals:
// main.cjs + extension.js ≤ 150 KiB, require + activate ≤ 10 ms (median of the starts with the code
// cache, which are all but the first after an install or update; the first is reported beside it),
// neither vendor.js nor features.js loaded and zero network requests during activation, everything
// in dist/ together ≤ 1 MiB. Times come from fresh plain-Node processes with the 'vscode' stand-in:
// per run a first start and a later one, both set up as the extension host is, the later one again
// without collecting the garbage of the process's own start first (bench/startup/activateChild.ts says
// why that collection belongs to the set-up), and a later one bare.
import { spawn, fork } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { metFromRows, type FigureResult, type ResultRow } from '../lib/report';
import { describe, elapsedMs, MIB, num, summarize } from '../lib/summary';
import type { ActivationReport } from '../startup/activateChild';
import { vscodeApiNames } from '../startup/vscodeStandIn';

const ACTIVATION_BUNDLE_GOAL = 150 * 1024;
const TIME_GOAL_MS = 10;
const TOTAL_SIZE_GOAL = MIB;
const CHILD_TIMEOUT_MS = 60_000;

interface Build {
  /** A directory laid out like the extension: package.json and dist/. */
  root: string;
  ms: number;
  extensionBytes: number;
  /** dist/main.cjs, package.json's "main", which loads extension.js through V8's code cache. */
  mainBytes: number;
  vendorBytes: number;
  /** Every file in dist/: the two bundles and undici's WebAssembly parsers. */
  distBytes: number;
  extensionParts: PackageBytes[];
  vendorParts: PackageBytes[];
}

interface PackageBytes {
  name: string;
  bytes: number;
}

/** Where a bundle's bytes come from, by package, from esbuild's metafile. */
async function bytesByPackage(metafilePath: string): Promise<PackageBytes[]> {
  const meta = JSON.parse(await readFile(metafilePath, 'utf8')) as esbuild.Metafile;
  const byPackage = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('src/') ? 'src/ (the extension)' : file);
      byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

async function buildExtension(repoRoot: string, tempDir: string): Promise<Build> {
  const root = join(tempDir, 'startup-extension');
  const dist = join(root, 'dist');
  const metaDir = join(tempDir, 'startup-metafiles');
  await mkdir(root, { recursive: true });
  await copyFile(join(repoRoot, 'package.json'), join(root, 'package.json'));
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ['esbuild.mjs', '--production', '--outdir', dist, '--metafile', metaDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`node esbuild.mjs --production exited with ${String(code)}`);
  const ms = elapsedMs(start);
  let distBytes = 0;
  for (const name of await readdir(dist)) distBytes += (await stat(join(dist, name))).size;
  return {
    root,
    ms,
    extensionBytes: (await stat(join(dist, 'extension.js'))).size,
    mainBytes: (await stat(join(dist, 'main.cjs'))).size,
    vendorBytes: (await stat(join(dist, 'vendor.js'))).size,
    distBytes,
    extensionParts: await bytesByPackage(join(metaDir, 'extension.meta.json')),
    vendorParts: await bytesByPackage(join(metaDir, 'vendor.meta.json')),
  };
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

/** How a child process is set up before the clock starts (bench/startup/activateChild.ts). */
interface ChildSetup {
  /** The extension host's Node built-ins loaded. */
  hostBuiltins: boolean;
  /** The process's garbage collected before the clock, what survives moved to the old generation. */
  collectGarbage: boolean;
}

async function activateOnce(
  childPath: string,
  root: string,
  settings: Record<string, unknown>,
  setup: ChildSetup,
  apiNames: readonly string[],
): Promise<ActivationReport> {
  const child = fork(childPath, [], {
    execArgv: [],
    env: {
      ...process.env,
      BENCH_ROOT: root,
      BENCH_SETTINGS: JSON.stringify(settings),
      BENCH_HOST_BUILTINS: setup.hostBuiltins ? '1' : '0',
      BENCH_COLLECT_GARBAGE: setup.collectGarbage ? '1' : '0',
      BENCH_VSCODE_NAMES: JSON.stringify(apiNames),
    },
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

function kib(bytes: number): string {
  return `${num(bytes / 1024)} KiB`;
}

function partsLabel(parts: PackageBytes[], count: number): string {
  return parts
    .slice(0, count)
    .map((p) => `${p.name} ${kib(p.bytes)}`)
    .join(', ');
}

export async function startup(options: {
  root: string;
  tempDir: string;
  runs: number;
  settings: Record<string, unknown>;
}): Promise<FigureResult> {
  const figure = '6. Start-up';
  const build = await buildExtension(options.root, options.tempDir);
  const childPath = await bundleChild(options.tempDir);
  const apiNames = vscodeApiNames(await readFile(join(options.root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8'));
  // Each run: the first start after an install or update (no code cache: it is removed), which
  // writes the cache, then a start that reads it, both as in VS Code's extension host; the same
  // later start with the young generation as the process's own start left it; one in a bare process.
  const codeCacheDir = join(build.root, '.bench-storage', 'global', 'code-cache');
  const asInHost: ChildSetup = { hostBuiltins: true, collectGarbage: true };
  const reports: ActivationReport[] = [];
  for (let run = 0; run < options.runs; run++) {
    await rm(codeCacheDir, { recursive: true, force: true });
    reports.push(await activateOnce(childPath, build.root, options.settings, asInHost, apiNames));
    reports.push(await activateOnce(childPath, build.root, options.settings, asInHost, apiNames));
    reports.push(await activateOnce(childPath, build.root, options.settings, { hostBuiltins: true, collectGarbage: false }, apiNames));
    reports.push(await activateOnce(childPath, build.root, options.settings, { hostBuiltins: false, collectGarbage: false }, apiNames));
  }
  const hostLike = reports.filter((r) => r.hostBuiltins && r.collected);
  const inHost = hostLike.filter((r) => r.codeCache);
  const firstStarts = hostLike.filter((r) => !r.codeCache);
  const uncollected = reports.filter((r) => r.hostBuiltins && !r.collected);
  const bare = reports.filter((r) => !r.hostBuiltins);
  const firstStartMs = summarize(firstStarts.map((r) => r.requireMs + r.activateMs));
  const cacheProblems = [
    ...(firstStarts.length === options.runs ? [] : [`${firstStarts.length} of ${options.runs} first starts found no cache`]),
    ...(inHost.length === options.runs ? [] : [`${inHost.length} of ${options.runs} later starts found the cache the first one writes`]),
  ];
  const requireMs = summarize(inHost.map((r) => r.requireMs));
  const activateMs = summarize(inHost.map((r) => r.activateMs));
  const totalMs = summarize(inHost.map((r) => r.requireMs + r.activateMs));
  const bareTotalMs = summarize(bare.map((r) => r.requireMs + r.activateMs));
  const uncollectedMs = summarize(uncollected.map((r) => r.requireMs + r.activateMs));
  const collectionsIn = (group: ActivationReport[]) => group.filter((r) => r.collections > 0).length;
  const collectionMs = summarize(uncollected.filter((r) => r.collections > 0).map((r) => r.collectionMs));
  const youngAtStart = (group: ActivationReport[]) => summarize(group.map((r) => r.youngUsedAtStartKiB));
  const youngAllocated = summarize(inHost.filter((r) => r.collections === 0).map((r) => r.youngAllocatedKiB));
  const requests = reports.map((r) => r.requests + r.sockets);
  const vendorLoads = reports.filter((r) => r.vendorLoaded).length;
  const featuresLoads = reports.filter((r) => r.featuresLoaded).length;
  const errors = [...new Set(reports.flatMap((r) => (r.error ? [r.error] : [])))];
  const calls = reports[0]?.vscodeCalls ?? [];
  const callCounts = new Map<string, number>();
  for (const c of calls) callCounts.set(c, (callCounts.get(c) ?? 0) + 1);
  const callSummary = [...callCounts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');

  const rows: ResultRow[] = [
    {
      figure,
      measure: 'size of what activation loads, dist/main.cjs + dist/extension.js (production build)',
      value: kib(build.mainBytes + build.extensionBytes),
      comparison: `${num((build.mainBytes + build.extensionBytes) / ACTIVATION_BUNDLE_GOAL, 2)} of the goal; main.cjs ${kib(build.mainBytes)}; extension.js's largest parts: ${partsLabel(build.extensionParts, 6)}`,
      goal: `≤ ${ACTIVATION_BUNDLE_GOAL / 1024} KiB`,
      met: build.mainBytes + build.extensionBytes <= ACTIVATION_BUNDLE_GOAL,
    },
    {
      figure,
      measure: 'size of dist/vendor.js, loaded on first network use',
      value: kib(build.vendorBytes),
      comparison: `largest parts: ${partsLabel(build.vendorParts, 6)}`,
    },
    {
      figure,
      measure: 'everything in dist/ (the four bundles and the two llhttp .wasm files)',
      value: kib(build.distBytes),
      comparison: `${num(build.distBytes / TOTAL_SIZE_GOAL, 2)} of the goal`,
      goal: '≤ 1 MiB',
      met: build.distBytes <= TOTAL_SIZE_GOAL,
    },
    { figure, measure: "require(dist/main.cjs), the extension host's built-ins loaded", value: requireMs, unit: 'ms' },
    { figure, measure: 'activate(context), which loads dist/extension.js through the code cache', value: activateMs, unit: 'ms' },
    {
      figure,
      measure:
        "require + activate, set up as VS Code's extension host is (its built-ins loaded, the garbage of the process's start collected), every start after the first",
      value: totalMs,
      unit: 'ms',
      goal: `≤ ${TIME_GOAL_MS} ms (median)`,
      met: totalMs.median <= TIME_GOAL_MS,
    },
    {
      figure,
      measure: 'garbage collections inside that window',
      value: `${collectionsIn(inHost)} of ${inHost.length} runs`,
      comparison: `the young generation held ${describe(youngAtStart(inHost), 'KiB', 2)} when the clock started (the process's own start collected); activation allocated ${describe(youngAllocated, 'KiB', 3)} in it`,
    },
    {
      figure,
      measure: "require + activate with the young generation as the process's own start left it (no goal: see the notes)",
      value: uncollectedMs,
      unit: 'ms',
      comparison: `it held ${describe(youngAtStart(uncollected), 'KiB', 2)} of the 1 MiB a fresh process starts with; a collection fell inside the window in ${collectionsIn(uncollected)} of ${uncollected.length} runs${collectionMs.runs ? `, ${describe(collectionMs, 'ms')}` : ''}; ${num(uncollectedMs.median - totalMs.median)} ms more than the start above (medians), of which the collections V8 reports are ${collectionMs.runs ? num(collectionMs.median) : 0} ms`,
    },
    {
      figure,
      measure: 'require + activate on the first start after an install or update (no code cache yet; it writes one)',
      value: firstStartMs,
      unit: 'ms',
      comparison: `${num(firstStartMs.median / totalMs.median, 2)} × a start with the cache`,
    },
    {
      figure,
      measure: 'starts that found the code cache as expected (none before the first, then the one it wrote)',
      value: `${firstStarts.length + inHost.length} of ${2 * options.runs}`,
      goal: 'every start',
      met: cacheProblems.length === 0,
    },
    { figure, measure: 'require + activate in a bare Node process (the built-ins it uses load too)', value: bareTotalMs, unit: 'ms' },
    {
      figure,
      measure: 'runs in which activation loaded dist/vendor.js',
      value: `${vendorLoads} of ${reports.length}`,
      goal: '0',
      met: vendorLoads === 0,
    },
    {
      figure,
      measure: 'runs in which activation loaded dist/features.js (the code behind commands and views, loaded on first use)',
      value: `${featuresLoads} of ${reports.length}`,
      goal: '0',
      met: featuresLoads === 0,
    },
    {
      figure,
      measure: 'network requests and sockets during activation + 500 ms (per run)',
      value: requests.join(', '),
      goal: '0',
      met: requests.every((n) => n === 0),
    },
    {
      figure,
      measure: 'activate() completed without throwing',
      value: errors.length ? errors.join('; ') : `${reports.length} of ${reports.length} runs`,
      goal: 'every run',
      met: errors.length === 0,
    },
    { figure, measure: 'SecretStorage reads during activation (per run)', value: reports.map((r) => r.secretReads).join(', ') },
  ];
  return {
    figure,
    met: metFromRows(rows),
    verdict:
      `${figure}: dist/main.cjs + dist/extension.js ${kib(build.mainBytes + build.extensionBytes)} (goal ≤ ${ACTIVATION_BUNDLE_GOAL / 1024} KiB) + dist/vendor.js ${kib(build.vendorBytes)} loaded on first network use (${vendorLoads} of ${reports.length} activations loaded it, goal 0); ` +
      `require + activate ${describe(totalMs, 'ms')} with the code cache (goal ≤ ${TIME_GOAL_MS} ms; require ${num(requireMs.median)} ms, activate ${num(activateMs.median)} ms; ` +
      `${num(uncollectedMs.median)} ms when the process's own start has left its young generation to be collected inside the window, as it did in ${collectionsIn(uncollected)} of ${uncollected.length} runs; in a bare Node process ${num(bareTotalMs.median)} ms), ` +
      `${num(firstStartMs.median)} ms on the first start after an install or update, which writes the cache${cacheProblems.length ? ` (${cacheProblems.join('; ')})` : ''}; ` +
      `network requests during activation ${requests.join(', ')} (goal 0)${errors.length ? `; activate threw: ${errors.join('; ')}` : ''}`,
    rows,
    notes: [
      `Figure 6: built with \`node esbuild.mjs --production\` (${num(build.ms / 1000)} s; the bundling step of \`npm run build\`), written to a directory of the bench's own with a copy of package.json. ` +
        `Each of ${options.runs} runs is four fresh plain-Node processes that hook Module._resolveFilename so require('vscode') gets bench/startup/vscodeStandIn.ts (a stand-in that exists only to time activation, with every name @types/vscode declares). ` +
        'Before each run the code cache is removed from the global storage the processes share, so the first process is a first start after an install or update: it compiles dist/extension.js and writes the cache (src/startup/codeCache.ts); the second reads it, as every later start does. ' +
        "Those two are set up as VS Code's extension host is before any extension activates: the Node built-ins it has loaded (http, https, net, tls, crypto, fs, os, stream, module and the like: see HOST_BUILTINS in bench/startup/activateChild.ts), libuv's thread pool running, one require function made beforehand, " +
        "and the process's garbage collected (what survives moved to the old generation): a fresh process starts with a young generation of 1 MiB, which Node's start and that set-up have over four fifths filled, so its first scavenge would fall inside the window in every run; the extension host has long since moved the objects of its own start to the old generation, and its young generation has grown. " +
        'The third is the same later start without that collection, reported beside it with the collections that fell inside its window; ' +
        'the fourth is a later start in a bare process, so its time also includes initialising the built-ins the extension uses. Each process ' +
        "then requires package.json's main (dist/main.cjs) and awaits activate(); settings point panopto.serverUrl at the bench's dev server so that any eager request would be counted, " +
        "and the process's require cache tells whether vendor.js or features.js was loaded. " +
        `VS Code calls made by activate: ${callSummary || 'none'}; ${reports[0]?.subscriptions ?? 0} subscriptions.`,
      ...errors.map(
        (e) =>
          `activate() threw under the stand-in: ${e} (the stand-in may lack an API the extension uses; the time is then up to the throw).`,
      ),
    ],
  };
}
