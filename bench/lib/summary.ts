// Small numeric helpers for the bench: median/min/max of repeated runs and human-readable units.

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) {
    return { median: NaN, min: NaN, max: NaN, runs: 0 };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values.length };
}

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** Rounds to a few significant digits, without exponent notation for the sizes we print. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

export function mib(bytes: number, digits = 3): string {
  return `${num(bytes / MIB, digits)} MiB`;
}

export function sizeLabel(bytes: number): string {
  return bytes >= GIB && bytes % GIB === 0 ? `${bytes / GIB} GiB` : mib(bytes);
}

/** "median (min–max) unit" for a summary; a single run prints just its value. */
export function describe(s: Summary, unit = '', digits = 3): string {
  const u = unit ? ` ${unit}` : '';
  if (s.runs <= 1) return `${num(s.median, digits)}${u}`;
  return `${num(s.median, digits)}${u} (min ${num(s.min, digits)}, max ${num(s.max, digits)}, ${s.runs} runs)`;
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
