// The part reader of the part sender: every part once, in order, with exactly its bytes; one part read
// ahead (two buffers) with a single worker, no more buffers than workers otherwise; a later file
// reuses the buffers of an earlier one; a file that became shorter fails with FileShrankError, also
// when the short part was read ahead.
import assert from 'node:assert/strict';
import { open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { planParts } from '../../../src/uploads/partPlan';
import { FileShrankError, PartReader, type ReadPart } from '../../../src/uploads/partReader';
import { MIB, removeDir, tempDir, writeMediaFile } from '../../support/uploadFixture';

const PART = 5 * MIB;

describe('part reader', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir();
  });
  after(async () => {
    await removeDir(dir);
  });

  async function readAll(size: number, workers: number): Promise<{ parts: ReadPart[]; buffers: Set<Buffer>; bytes: Buffer }> {
    const path = join(dir, `file-${size}-${workers}.mp4`);
    await writeMediaFile(path, size);
    const plan = planParts(size, PART);
    const todo = Array.from({ length: plan.partCount }, (_, i) => i);
    const file = await open(path, 'r');
    const parts: ReadPart[] = [];
    const buffers = new Set<Buffer>();
    try {
      const reader = new PartReader(file, plan, size, todo, workers);
      await Promise.all(
        Array.from({ length: workers }, async () => {
          for (let part = await reader.take(); part; part = await reader.take()) {
            buffers.add(part.buffer);
            parts.push({ ...part, data: Buffer.from(part.data) });
            await new Promise((resolve) => setTimeout(resolve, 5)); // "sending"
            reader.release(part);
          }
        }),
      );
      await reader.settle();
    } finally {
      await file.close();
    }
    return { parts, buffers, bytes: await readFile(path) };
  }

  for (const workers of [1, 3]) {
    it(`${workers} worker(s): every part once, in order, with its bytes; ${workers === 1 ? 'two buffers (one part read ahead)' : 'one buffer per worker'}`, async () => {
      const size = 7 * PART + 1234;
      const { parts, buffers, bytes } = await readAll(size, workers);
      assert.deepEqual(
        parts.map((p) => p.index).sort((a, b) => a - b),
        Array.from({ length: 8 }, (_, i) => i),
      );
      for (const part of parts) assert.ok(part.data.equals(bytes.subarray(part.index * PART, part.index * PART + part.data.length)));
      assert.equal(buffers.size, workers === 1 ? 2 : workers);
    });
  }

  it("a file that starts after another one sent its parts reuses that one's buffers instead of allocating new ones", async () => {
    const size = 4 * PART;
    const first = await readAll(size, 2);
    const second = await readAll(size, 2);
    assert.equal(second.buffers.size, 2);
    for (const buffer of second.buffers) assert.ok(first.buffers.has(buffer), 'a buffer of the earlier upload');
  });

  it('a file that became shorter fails with FileShrankError, also for the part read ahead', async () => {
    const path = join(dir, 'shrinks.mp4');
    const size = 3 * PART;
    await writeMediaFile(path, size);
    const plan = planParts(size, PART);
    const file = await open(path, 'r');
    try {
      const reader = new PartReader(file, plan, size, [0, 1, 2], 1);
      const first = await reader.take(); // part 1 is read ahead now
      assert.ok(first);
      assert.equal(first.index, 0);
      await truncate(path, PART + 10);
      reader.release(first);
      const second = await reader.take().catch((error: unknown) => error);
      // Part 1 may have been read before the truncation; part 2 cannot have been.
      const third = second instanceof FileShrankError ? second : await reader.take().catch((error: unknown) => error);
      assert.ok(third instanceof FileShrankError, `got ${String(third)}`);
      await reader.settle();
    } finally {
      await file.close();
    }
  });
});
