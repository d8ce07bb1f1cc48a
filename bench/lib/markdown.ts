// Writes bench/RESULTS.md: the machine, the date, one table row per measurement, and the notes.
import type { FigureResult, ResultRow } from './report';
import { describe } from './summary';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function valueText(row: ResultRow): string {
  return typeof row.value === 'string' ? `${row.value}${row.unit ? ` ${row.unit}` : ''}` : describe(row.value, row.unit);
}

export function resultsMarkdown(input: {
  machine: string;
  date: Date;
  durationMs: number;
  settings: string[];
  figures: FigureResult[];
}): string {
  const lines: string[] = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); numbers from one run on the machine below. Each value is',
    'the median of its runs with min and max; ratios compare with a reference measured in the same run.',
    '',
    `- Machine: ${input.machine}`,
    `- Date: ${input.date.toISOString()}`,
    `- Whole run: ${(input.durationMs / 1000).toFixed(0)} s`,
    ...input.settings.map((s) => `- ${s}`),
    '',
    '## Summary',
    '',
    ...input.figures.map(
      (f) => `- ${f.verdict.replace(/\n/g, ' ')} — **${f.met === undefined ? 'no goal' : f.met ? 'goal met' : 'goal missed'}**`,
    ),
    '',
    '## Measurements',
    '',
    '| Figure | Measure | Value (median, min, max) | Ratio / comparison | Goal | Met |',
    '|---|---|---|---|---|---|',
  ];
  for (const figure of input.figures) {
    for (const row of figure.rows) {
      const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
      lines.push(
        `| ${cell(row.figure)} | ${cell(row.measure)} | ${cell(valueText(row))} | ${cell(row.comparison ?? '')} | ${cell(row.goal ?? '')} | ${met} |`,
      );
    }
  }
  lines.push('', '## Notes', '');
  for (const figure of input.figures) {
    for (const note of figure.notes) lines.push(`- ${note}`);
  }
  lines.push('');
  return lines.join('\n');
}
