// The part arithmetic: any file up to 10,000 parts of 25 MiB fits; beyond that, a clear error.
import assert from 'node:assert/strict';
import { FileTooLargeError, GIB, MAX_FILE_SIZE, MAX_PARTS, MAX_PART_SIZE, MIB, partRange, planParts } from '../../../src/uploads/partPlan';

describe('part plan', () => {
  it('keeps the configured size when the file fits in 10,000 parts', () => {
    const plan = planParts(17 * MIB + 5, 5 * MIB);
    assert.deepEqual(plan, { partSize: 5 * MIB, partCount: 4, grown: false });
    assert.deepEqual(partRange(plan, 17 * MIB + 5, 3), { offset: 15 * MIB, length: 2 * MIB + 5 });
  });

  it('clamps the configured size to 5–25 MiB', () => {
    assert.equal(planParts(100, 1).partSize, 5 * MIB);
    assert.equal(planParts(100, 100 * MIB).partSize, 25 * MIB);
  });

  it('a tiny file is one part', () => {
    assert.deepEqual(planParts(1, 10 * MIB), { partSize: 10 * MIB, partCount: 1, grown: false });
  });

  it('exactly 10,000 parts of the configured size keeps it', () => {
    const plan = planParts(MAX_PARTS * 10 * MIB, 10 * MIB);
    assert.equal(plan.partSize, 10 * MIB);
    assert.equal(plan.partCount, MAX_PARTS);
  });

  it('one byte more grows the part size to the next whole MiB', () => {
    const plan = planParts(MAX_PARTS * 10 * MIB + 1, 10 * MIB);
    assert.equal(plan.partSize, 11 * MIB);
    assert.ok(plan.partCount <= MAX_PARTS);
    assert.equal(plan.grown, true);
  });

  it('100 GiB with 5 MiB parts grows to 11 MiB parts', () => {
    const plan = planParts(100 * GIB, 5 * MIB);
    assert.equal(plan.partSize, 11 * MIB);
    assert.equal(plan.partCount, Math.ceil((100 * GIB) / (11 * MIB)));
    assert.ok(plan.partCount <= MAX_PARTS);
  });

  it('the largest file fits exactly: 10,000 parts of 25 MiB', () => {
    const plan = planParts(MAX_FILE_SIZE, 5 * MIB);
    assert.deepEqual(plan, { partSize: MAX_PART_SIZE, partCount: MAX_PARTS, grown: true });
    assert.deepEqual(partRange(plan, MAX_FILE_SIZE, MAX_PARTS - 1), { offset: MAX_FILE_SIZE - MAX_PART_SIZE, length: MAX_PART_SIZE });
  });

  it('just under the largest file does not round past 25 MiB', () => {
    const size = MAX_FILE_SIZE - 1;
    const plan = planParts(size, 5 * MIB);
    assert.equal(plan.partSize, MAX_PART_SIZE);
    assert.equal(plan.partCount, MAX_PARTS);
  });

  it('every size on a sweep fits in 10,000 parts of 5–25 MiB', () => {
    for (let size = 1; size <= MAX_FILE_SIZE; size = Math.ceil(size * 1.37) + 7) {
      for (const configured of [5 * MIB, 10 * MIB, 25 * MIB]) {
        const plan = planParts(size, configured);
        assert.ok(plan.partCount <= MAX_PARTS, `${size}: ${plan.partCount} parts`);
        assert.ok(plan.partSize >= 5 * MIB && plan.partSize <= MAX_PART_SIZE);
        assert.ok((plan.partCount - 1) * plan.partSize < size && plan.partCount * plan.partSize >= size, `${size} covered exactly`);
      }
    }
  });

  it('one byte over 10,000 × 25 MiB is refused with a clear message', () => {
    assert.throws(
      () => planParts(MAX_FILE_SIZE + 1, 10 * MIB),
      (error: unknown) =>
        error instanceof FileTooLargeError && /244\.1 GiB/.test(error.message) && /10,000 parts of 25 MiB/.test(error.message),
    );
  });
});
