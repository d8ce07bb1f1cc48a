// How a file is cut into multipart parts. S3 allows at most 10,000 parts per upload
// (docs/panopto.md#upload-target), and Panopto's target takes parts of 5 to 25 MB. So the part
// size is the user's setting unless the file needs bigger parts to fit in 10,000; a file that
// would need parts above 25 MiB (about 244 GiB) cannot be sent at all, and is refused before any
// request is made.
import * as l10n from '@vscode/l10n';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
export const MIN_PART_SIZE = 5 * MIB;
export const MAX_PART_SIZE = 25 * MIB;
export const MAX_PARTS = 10_000;
/** The largest file that fits: 10,000 parts of 25 MiB. */
export const MAX_FILE_SIZE = MAX_PARTS * MAX_PART_SIZE;

export interface PartPlan {
  /** Bytes per part; every part but the last has exactly this many. */
  partSize: number;
  partCount: number;
  /** True when the configured size was raised so the file fits in 10,000 parts. */
  grown: boolean;
}

/** The file is larger than any multipart upload to Panopto can hold. */
export class FileTooLargeError extends Error {
  constructor(readonly size: number) {
    super(
      l10n.t(
        'The file is {0} GiB; Panopto takes at most {1} GiB in one upload (10,000 parts of 25 MiB).',
        (size / GIB).toFixed(1),
        (MAX_FILE_SIZE / GIB).toFixed(1),
      ),
    );
    this.name = 'FileTooLargeError';
  }
}

/** The configured part size, clamped to 5–25 MiB (a whole number of bytes). */
export function clampPartSize(configured: number): number {
  return Math.floor(Math.min(MAX_PART_SIZE, Math.max(MIN_PART_SIZE, configured)));
}

/**
 * The part size and count for a file of `size` bytes. Grows the part size to whole MiB (capped
 * at 25 MiB) when the configured size would need more than 10,000 parts.
 */
export function planParts(size: number, configuredPartSize: number): PartPlan {
  if (!Number.isFinite(size) || size < 0) {
    throw new RangeError(`planParts: bad size ${size}`);
  }
  if (size > MAX_FILE_SIZE) {
    throw new FileTooLargeError(size);
  }
  const configured = clampPartSize(configuredPartSize);
  const needed = Math.ceil(size / MAX_PARTS);
  let partSize = configured;
  if (needed > configured) {
    partSize = Math.min(MAX_PART_SIZE, Math.ceil(needed / MIB) * MIB);
  }
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)), grown: partSize !== configured };
}

/** Byte range of part `index` (0-based; part number index + 1). */
export function partRange(plan: PartPlan, size: number, index: number): { offset: number; length: number } {
  const offset = index * plan.partSize;
  return { offset, length: Math.max(0, Math.min(plan.partSize, size - offset)) };
}
