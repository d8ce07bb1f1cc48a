// Figures that only a real VS Code can give (twoWindows.test.ts in test/e2e writes them to
// .test-runs/e2e-figures.json): printed under the reliability table when a run of the e2e suite left them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const e2eFigureFile = path.resolve(__dirname, '../../../.test-runs/e2e-figures.json');

/** Each recorded figure, marked as coming from the last e2e run; none when there was no run. */
export function e2eFigures(): [string, string][] {
  if (!existsSync(e2eFigureFile)) return [];
  try {
    const figures = JSON.parse(readFileSync(e2eFigureFile, 'utf8')) as Record<string, unknown>;
    return Object.entries(figures)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [name, `${value} (last e2e run)`]);
  } catch {
    return [];
  }
}
