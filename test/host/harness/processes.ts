// Starting and stopping child processes so that nothing outlives a run: every child gets its own
// process group (detached) and is stopped by signalling the whole group, because code-server's
// extension hosts and watchers are grandchildren that a plain kill of the parent leaves behind.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { createWriteStream } from 'node:fs';

export interface GroupProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the leader has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<GroupProcess>();

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Spawns `command` as the leader of a new process group; its output goes to `logFile` when given. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions & { logFile?: string } = {}): GroupProcess {
  const { logFile, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) {
    throw new Error(`Could not start ${command}`);
  }
  const pid = child.pid;
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
  });
  const handle: GroupProcess = {
    child,
    pid,
    async stop(graceMs = 3000) {
      running.delete(handle);
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader may be gone while grandchildren in its group still run.
      signalGroup(pid, 'SIGKILL');
    },
  };
  running.add(handle);
  return handle;
}

/** Last resort on process exit (including Ctrl-C and uncaught errors): kill every group still running. */
function killAllSync(): void {
  for (const p of running) signalGroup(p.pid, 'SIGKILL');
  running.clear();
}
process.once('exit', killAllSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAllSync();
    // Leave the exit to a script that handles the signal itself (the demo stops gracefully).
    if (process.listenerCount(signal) === 0) process.exit(130);
  });
}

/** A port the OS says is free on `host` right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx, or fails after `timeoutMs` naming the URL. */
export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`The process serving ${url} exited before it answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

/** Runs a command to completion with inherited output; rejects naming the command when it fails. */
export function runToEnd(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
