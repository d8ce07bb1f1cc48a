// The figures of the reliability suite: every case belongs to a category (`minimums` below), counts as
// tried when it starts and as passed when it finishes without an assertion failing; a fuzz row counts
// the inputs its properties generated and the ones that held. A root after() hook prints the table
// (category, cases tried, cases passed, minimum) when the run ends.
import assert from 'node:assert/strict';
import { e2eFigures } from './e2eFigures';

/** The property-based surfaces (test/reliability/fuzz/): their rows count generated inputs, not mocha cases. */
export type FuzzSurface = 'Fuzz: redirects' | 'Fuzz: .env files' | 'Fuzz: REST answers' | 'Fuzz: manifests' | 'Fuzz: setting URLs';

/** One row per fix of the security review; its cases are unit specs, run by name (7-hardening.test.ts). */
export type HardeningRow =
  | 'Hardening: loopback listener'
  | 'Hardening: token lifetime'
  | 'Hardening: refresh on 401'
  | 'Hardening: keyring errors'
  | 'Hardening: redaction set'
  | 'Hardening: loopback address'
  | 'Hardening: workspace settings'
  | 'Hardening: server URLs'
  | 'Hardening: ids in paths';

export type Category =
  | 'Bad redirects'
  | 'Bad token answers'
  | 'Bad API answers'
  | 'Faults survived'
  | 'Interruptions and resume'
  | 'Secrets'
  | FuzzSurface
  | HardeningRow;

/** Generated inputs every fuzz surface must pass in one run. */
export const FUZZ_MIN_RUNS = 10_000;

/** Cases each category must pass (0 = the category is its named cases, with no minimum count). */
export const minimums: Record<Category, number> = {
  'Bad redirects': 15,
  'Bad token answers': 10,
  'Bad API answers': 8,
  'Faults survived': 0,
  'Interruptions and resume': 0,
  Secrets: 0,
  'Fuzz: redirects': FUZZ_MIN_RUNS,
  'Fuzz: .env files': FUZZ_MIN_RUNS,
  'Fuzz: REST answers': FUZZ_MIN_RUNS,
  'Fuzz: manifests': FUZZ_MIN_RUNS,
  'Fuzz: setting URLs': FUZZ_MIN_RUNS,
  // Each row is one fix's unit describe block (7-hardening.test.ts): at least one case must run.
  'Hardening: loopback listener': 1,
  'Hardening: token lifetime': 1,
  'Hardening: refresh on 401': 1,
  'Hardening: keyring errors': 1,
  'Hardening: redaction set': 1,
  'Hardening: loopback address': 1,
  'Hardening: workspace settings': 1,
  'Hardening: server URLs': 1,
  'Hardening: ids in paths': 1,
};

const tally = new Map<Category, { tried: number; passed: number }>(
  (Object.keys(minimums) as Category[]).map((c) => [c, { tried: 0, passed: 0 }]),
);

/** Extra lines printed under the table (e.g. the secret scan's result), in the order recorded. */
const notes = new Map<string, string>();
export function recordFigure(name: string, value: string): void {
  notes.set(name, value);
}

/** Every user-facing error message a case saw, for the secret scan at the end. */
export const errorMessagesSeen: string[] = [];

/** Counts a property's generated inputs in its surface's row (support/fuzz.ts). */
export function countRuns(surface: FuzzSurface, tried: number, passed: number): void {
  const row = tally.get(surface)!;
  row.tried += tried;
  row.passed += passed;
}

/** Counts one finished case in `category`, for cases not written with reliabilityCase (7-hardening.test.ts). */
export function countCase(category: Category, passed: boolean): void {
  const row = tally.get(category)!;
  row.tried += 1;
  row.passed += passed ? 1 : 0;
}

/** A mocha test counted in `category`. */
export function reliabilityCase(category: Category, title: string, fn: (this: Mocha.Context) => Promise<void>): void {
  it(`[${category}] ${title}`, async function () {
    const row = tally.get(category)!;
    row.tried += 1;
    await fn.call(this);
    row.passed += 1;
  });
}

export function figuresTable(): string {
  const rows = [...tally].map(([category, { tried, passed }]) => {
    const min = minimums[category];
    const verdict = tried === passed && tried >= min ? 'ok' : 'NOT MET';
    return [category, String(tried), String(passed), min ? `≥ ${min}` : '-', verdict];
  });
  const header = ['Category', 'Cases tried', 'Cases passed', 'Minimum', ''];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  // Cases and generated fuzz inputs are different units: each gets its own total.
  const sum = (fuzz: boolean) =>
    [...tally.entries()]
      .filter(([category]) => category.startsWith('Fuzz:') === fuzz)
      .reduce((n, [, r]) => ({ tried: n.tried + r.tried, passed: n.passed + r.passed }), { tried: 0, passed: 0 });
  const cases = sum(false);
  const inputs = sum(true);
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    line(['Total cases', String(cases.tried), String(cases.passed), '', '']),
    line(['Total fuzz inputs', String(inputs.tried), String(inputs.passed), '', '']),
  ].join('\n');
}

if (typeof after === 'function') {
  after('reliability figures', () => {
    const extra = [...notes, ...e2eFigures()].map(([name, value]) => `${name}: ${value}`).join('\n');
    console.log(`\nReliability figures\n${figuresTable()}\n${extra ? `${extra}\n` : ''}`);
    // A filtered run (--grep) tries only some cases; the minimums apply to a whole run.
    const filtered = process.argv.some((a) => /^(-g|-f|--grep|--fgrep)(=|$)/.test(a));
    if (!filtered) {
      for (const [category, { tried }] of tally) {
        assert.ok(tried >= minimums[category], `${category}: ${tried} cases tried, the issue asks for at least ${minimums[category]}`);
      }
    }
  });
}

/**
 * Asserts `promise` rejects with a clear error: an Error (of `type` when given) whose message
 * matches `message`, is one short paragraph with no stack trace in it. Returns the error.
 */
export async function rejectsClearly<E extends Error>(
  promise: Promise<unknown>,
  expected: { type?: abstract new (...args: never[]) => E; message: RegExp },
): Promise<E> {
  let settled: { ok: true } | { ok: false; error: unknown };
  try {
    await promise;
    settled = { ok: true };
  } catch (error) {
    settled = { ok: false, error };
  }
  assert.ok(!settled.ok, `expected a rejection matching ${expected.message}`);
  const error = settled.error;
  assert.ok(error instanceof Error, `rejected with a non-Error: ${String(error)}`);
  errorMessagesSeen.push(error.message);
  if (expected.type) assert.ok(error instanceof expected.type, `expected ${expected.type.name}, got ${error.name}: ${error.message}`);
  assert.match(error.message, expected.message);
  assertClearMessage(error.message);
  return error as E;
}

/** No stack trace, no raw object dump, not empty, not a wall of text. */
export function assertClearMessage(message: string): void {
  assert.ok(message.trim().length > 0, 'the message is not empty');
  assert.doesNotMatch(message, /\n\s*at\s+\S+/, 'no stack trace in the message');
  assert.doesNotMatch(message, /\[object Object\]|<html/i, `no raw object or HTML in the message: ${message.slice(0, 200)}`);
  assert.ok(message.length <= 400, `a short message (${message.length} chars): ${message.slice(0, 160)}…`);
}
