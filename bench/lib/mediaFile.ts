// Media files for the upload figures, written to os.tmpdir() and removed afterwards. The content is
// random (a 1 MiB random block with each MiB stamped with its index), so nothing along the way can
// shortcut zeros and no two parts are equal.
import { randomFillSync } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIB } from './summary';

export async function benchTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'panopto-bench-'));
}

export async function writeRandomFile(path: string, size: number): Promise<void> {
  const block = randomFillSync(Buffer.allocUnsafe(MIB));
  const file = await open(path, 'w');
  try {
    for (let offset = 0, n = 0; offset < size; offset += MIB, n++) {
      block.writeUInt32BE(n, 0);
      await file.write(block, 0, Math.min(MIB, size - offset), offset);
    }
  } finally {
    await file.close();
  }
}

export async function removeTempDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}
