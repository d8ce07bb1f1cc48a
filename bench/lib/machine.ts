// The machine a run was measured on, for the console and bench/RESULTS.md.
import os from 'node:os';
import { GIB } from './summary';

export function machineDescription(): string {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(' / ') || 'unknown CPU';
  const speed = cpus[0]?.speed ? ` @ ${cpus[0].speed} MHz` : '';
  return `${cpus.length} × ${models}${speed}, ${(os.totalmem() / GIB).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`;
}
