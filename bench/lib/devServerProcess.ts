// The bench's handle on a dev server running in a child process (lib/devServerChild.ts): its
// address, and its admin routes (stats, switches) over HTTP, as devserver/README.md documents them.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Switches } from '../../devserver/switches';

export interface DevServerStats {
  tokenRequests: number;
  tokenRequestsByGrant: Record<string, number>;
  bearerTokensSeen: string[];
}

export class BenchDevServer {
  private constructor(
    readonly baseUrl: string,
    readonly issuer: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(switches: Partial<Switches> = {}): Promise<BenchDevServer> {
    const child = fork(join(__dirname, 'devServerChild.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_DEV_SWITCHES: JSON.stringify(switches) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`the dev server process exited (code ${String(code)}) before it started`);
      }),
    ])) as [{ baseUrl: string; issuer: string }];
    return new BenchDevServer(message.baseUrl, message.issuer, child);
  }

  async stats(): Promise<DevServerStats> {
    const res = await fetch(`${this.baseUrl}/__dev/stats`);
    return (await res.json()) as DevServerStats;
  }

  async resetStats(): Promise<void> {
    await (await fetch(`${this.baseUrl}/__dev/stats/reset`, { method: 'POST' })).arrayBuffer();
  }

  async setSwitches(switches: Partial<Switches>): Promise<void> {
    const res = await fetch(`${this.baseUrl}/__dev/switches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(switches),
    });
    if (!res.ok) throw new Error(`POST /__dev/switches answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.send('stop');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
