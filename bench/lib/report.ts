// What each figure hands back to bench/run.ts: rows for the Markdown table in bench/RESULTS.md and
// one verdict line for the console.
import type { Summary } from './summary';

export interface ResultRow {
  /** e.g. "3. Upload throughput" */
  figure: string;
  /** What was measured, e.g. "uploader, c=4, 10 MiB parts" */
  measure: string;
  /** Median with min/max when it was repeated; a plain value otherwise. */
  value: Summary | string;
  unit?: string;
  /** Ratio against the reference measured in the same run, or a count against its goal. */
  comparison?: string;
  goal?: string;
  /** undefined = no goal for this row. */
  met?: boolean;
}

export interface FigureResult {
  figure: string;
  rows: ResultRow[];
  /** The one line printed for this figure: its ratio/count and whether the goal is met. */
  verdict: string;
  met: boolean | undefined;
  /** Explanations for RESULTS.md (how it was measured, why a goal was missed). */
  notes: string[];
}

export function verdictWord(met: boolean | undefined): string {
  return met === undefined ? 'no goal' : met ? 'goal met' : 'GOAL MISSED';
}

/**
 * A figure's verdict from its rows: met only when every row that has a goal met it, missed when any
 * did not, undefined when no row has a goal. Every goal of a figure is a row, so the verdict cannot
 * say "met" while a goal it prints is missed.
 */
export function metFromRows(rows: readonly ResultRow[]): boolean | undefined {
  const judged = rows.filter((row) => row.goal !== undefined || row.met !== undefined);
  if (judged.length === 0) return undefined;
  return judged.every((row) => row.met === true);
}
