// Child process for figure 6. Bundled by the bench with esbuild and run by plain Node (no tsx
// loader, whose require hook would add its own time), it requires package.json's main (dist/main.cjs,
// which loads dist/extension.js through V8's code cache in the global storage) with the
// 'vscode' stand-in (vscodeStandIn.ts) in place of VS Code, runs activate() with an
// ExtensionContext stand-in, and reports the times, the network requests counted on
// diagnostics_channel during activation and a short settle afterwards, whether dist/vendor.js was
// loaded by then (it should wait for the first network use), and the VS Code calls made.
import { createRequire } from 'node:module';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { PerformanceEntry } from 'node:perf_hooks';
import { join } from 'node:path';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { NetCounter } from '../lib/netCounter';
import { callLog, EventEmitter, ExtensionMode, installVscodeStandIn, settings, Uri } from './vscodeStandIn';

export interface ActivationReport {
  /** Whether a code cache (src/startup/codeCache.ts) was in the global storage before the clock started. */
  codeCache: boolean;
  requireMs: number;
  activateMs: number;
  /** Whether the extension host's Node built-ins were loaded before the clock started. */
  hostBuiltins: boolean;
  /** Whether the process collected its garbage before the clock started (see youngGenerationUsedKiB). */
  collected: boolean;
  /** KiB of V8's young generation in use when the clock started. */
  youngUsedAtStartKiB: number;
  /** KiB allocated in the young generation from the clock's start to activation's end; meaningful only without a collection in between. */
  youngAllocatedKiB: number;
  /** Garbage collections that started between the clock's start and activation's end, and their time. */
  collections: number;
  collectionMs: number;
  requests: number;
  sockets: number;
  secretReads: number;
  /** Whether dist/vendor.js was in the require cache after activation and the settle. */
  vendorLoaded: boolean;
  /** Whether dist/features.js (our code behind the commands and views, src/features/load.ts) was loaded by then. */
  featuresLoaded: boolean;
  vscodeCalls: string[];
  subscriptions: number;
  error?: string;
}

const SETTLE_MS = 500;

/**
 * V8's young generation when activation starts. In this fresh process it is the 1 MiB V8 starts
 * with, over four fifths filled by Node's own start and the set-up above, so the first scavenge
 * (copying those objects, 2 to 3 ms here) falls inside the timed window in every run, whatever the
 * extension does. VS Code's extension host has run for a while before it activates an extension: the
 * objects of its own start have long been moved to the old generation, and the young one has grown
 * (up to 16 MiB per semi-space on 64-bit: https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib),
 * so activation's few hundred KiB mostly find room without a collection. With
 * BENCH_COLLECT_GARBAGE=1 the process collects its garbage before the clock starts (collectGarbage),
 * which moves what survives to the old generation; without it the bench sees the young generation
 * as the process's start left it. The report says which, how full it was and what was collected in
 * the window.
 */
function youngGenerationUsedKiB(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return (space?.space_used_size ?? 0) / 1024;
}

/**
 * A full garbage collection, V8's ordinary one. global.gc exists only under --expose-gc, and a process
 * started with that flag has other V8 flags than the extension host: V8 then refuses Node's own code
 * cache of its built-ins (and ours, were it written without the flag). So the flag is set just long
 * enough for a new context to receive gc, and unset, which gives V8 its flags back (the cache checks
 * them when it is read). Not the inspector's HeapProfiler.collectGarbage either: it collects to reduce
 * memory, dropping compiled code that the start would then compile again. This loads `vm`, which
 * dist/main.cjs also uses, before the clock: about 0.2 ms that the timed start then does not pay.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  // Required here, not imported, so that the other processes load `vm` inside the clock as the extension does.
  const { runInNewContext } = createRequire(__filename)('node:vm') as typeof import('node:vm');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  gc();
}

/**
 * Node built-ins that VS Code's extension host has loaded before any extension activates: its own
 * imports (microsoft/vscode src/vs/workbench/api/node/extensionHostProcess.ts and what it pulls in)
 * and the modules its proxy support patches (src/vs/workbench/api/node/proxyResolver.ts: http,
 * https, net, tls, through @vscode/proxy-agent, which also loads crypto), and `module`, whose
 * Module._load its NodeModuleRequireInterceptor (src/vs/workbench/api/node/extHostExtensionService.ts)
 * replaces to hand each extension its `vscode`. With BENCH_HOST_BUILTINS=1
 * they are loaded before the clock starts, so the time is the extension's own, as in VS Code;
 * without it the time includes initialising those the extension uses, as in a bare Node process.
 */
const HOST_BUILTINS = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'events',
  'stream',
  'util',
  'url',
  'string_decoder',
  'zlib',
  'child_process',
  'net',
  'http',
  'https',
  'tls',
  'crypto',
  'module',
];

function memento() {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, defaultValue?: T) => (values.has(key) ? (values.get(key) as T) : defaultValue),
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
    setKeysForSync: () => undefined,
  };
}

async function main(): Promise<ActivationReport> {
  const root = process.env.BENCH_ROOT ?? process.cwd();
  const packageJSON = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  // package.json's "main" (dist/main.cjs), which loads dist/extension.js through the code cache.
  const mainPath = join(root, String(packageJSON.main));
  for (const [key, value] of Object.entries(JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Record<string, unknown>)) {
    settings.set(key, value);
  }
  installVscodeStandIn(JSON.parse(process.env.BENCH_VSCODE_NAMES ?? '[]') as string[]);
  const hostBuiltins = process.env.BENCH_HOST_BUILTINS === '1';
  if (hostBuiltins) {
    for (const name of HOST_BUILTINS) createRequire(__filename)(`node:${name}`);
    // The extension host has also read files asynchronously before any extension activates (the
    // extensions' manifests, among others), so libuv's thread pool is running; starting it costs a
    // fresh process about 1 ms on its first asynchronous file operation.
    await readFile(__filename).catch(() => undefined);
  }
  const net = new NetCounter().start();
  const collected = process.env.BENCH_COLLECT_GARBAGE === '1';
  if (collected) collectGarbage();
  // Collections are reported to the observer shortly after they happen; the settle below waits for them.
  const collections: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });

  let secretReads = 0;
  const secretChanges = new EventEmitter<{ key: string }>();
  const secretValues = new Map<string, string>();
  const extensionUri = Uri.file(root);
  const subscriptions: { dispose(): unknown }[] = [];
  const context = {
    subscriptions,
    extensionUri,
    extensionPath: root,
    extensionMode: ExtensionMode.Production,
    extension: {
      id: 'panopto-community.vscode-panopto',
      extensionUri,
      extensionPath: root,
      packageJSON,
      extensionKind: 2,
      isActive: true,
      exports: undefined,
    },
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (key: string) => {
        secretReads++;
        return secretValues.get(key);
      },
      store: async (key: string, value: string) => {
        secretValues.set(key, value);
        secretChanges.fire({ key });
      },
      delete: async (key: string) => {
        secretValues.delete(key);
        secretChanges.fire({ key });
      },
      keys: async () => [...secretValues.keys()],
      onDidChange: secretChanges.event,
    },
    globalStorageUri: Uri.joinPath(extensionUri, '.bench-storage', 'global'),
    storageUri: undefined,
    logUri: Uri.joinPath(extensionUri, '.bench-storage', 'log'),
    asAbsolutePath: (relative: string) => join(root, relative),
    environmentVariableCollection: { replace: () => undefined, append: () => undefined, prepend: () => undefined, clear: () => undefined },
  };

  const cacheDir = join(context.globalStorageUri.fsPath, 'code-cache');
  const codeCache = existsSync(cacheDir) && readdirSync(cacheDir).some((name) => name.endsWith('.bin'));
  // The extension host requires each extension's main with one require function it made at its own
  // start (createRequire in src/vs/workbench/api/node/extHostExtensionService.ts); so is this one.
  const hostRequire = createRequire(__filename);
  const youngUsedAtStartKiB = youngGenerationUsedKiB();
  const startedAt = performance.now();
  const start = process.hrtime.bigint();
  const extension = hostRequire(mainPath) as { activate(ctx: unknown): unknown };
  const required = process.hrtime.bigint();
  let error: string | undefined;
  try {
    await extension.activate(context);
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const activated = process.hrtime.bigint();
  const activatedAt = performance.now();
  const youngAllocatedKiB = youngGenerationUsedKiB() - youngUsedAtStartKiB;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  gcObserver.disconnect();
  const inWindow = collections.filter((entry) => entry.startTime >= startedAt && entry.startTime < activatedAt);
  const counts = net.snapshot();
  const vendorPath = join(root, 'dist', 'vendor.js');
  return {
    codeCache,
    requireMs: Number(required - start) / 1e6,
    activateMs: Number(activated - required) / 1e6,
    hostBuiltins,
    collected,
    youngUsedAtStartKiB,
    youngAllocatedKiB,
    collections: inWindow.length,
    collectionMs: inWindow.reduce((sum, entry) => sum + entry.duration, 0),
    requests: counts.requests,
    sockets: counts.sockets,
    secretReads,
    vendorLoaded: vendorPath in require.cache,
    featuresLoaded: join(root, 'dist', 'features.js') in require.cache,
    vscodeCalls: callLog.calls,
    subscriptions: subscriptions.length,
    ...(error ? { error } : {}),
  };
}

main().then(
  (report) => process.send?.({ report }, () => process.exit(0)),
  (error: unknown) =>
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
);
