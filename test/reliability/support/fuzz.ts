// Property-based fuzzing for the reliability suite ("inputs by the thousand"), with fast-check.
// Reproducible: every property starts from one fixed seed, printed under the figures table; set
// FUZZ_SEED to run another one (a failure's report also names the seed and path that replay it).
// FUZZ_RUNS sets the runs per property (default FUZZ_MIN_RUNS; fewer fails the table's minimum).
import fc from 'fast-check';
import { countRuns, FUZZ_MIN_RUNS, recordFigure, type FuzzSurface } from './figures';

export const DEFAULT_FUZZ_SEED = 424242;

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}

export const FUZZ_SEED = integerFromEnv('FUZZ_SEED', DEFAULT_FUZZ_SEED);
export const FUZZ_RUNS = integerFromEnv('FUZZ_RUNS', FUZZ_MIN_RUNS);

const SHRINK_MS = 30_000;

const timings = new Map<FuzzSurface, { runs: number; ms: number }>();

function noteTiming(surface: FuzzSurface, runs: number, ms: number): void {
  const total = timings.get(surface) ?? { runs: 0, ms: 0 };
  timings.set(surface, { runs: total.runs + runs, ms: total.ms + ms });
  recordFigure(
    'Fuzz seed',
    `${FUZZ_SEED}${FUZZ_SEED === DEFAULT_FUZZ_SEED ? ' (the default; FUZZ_SEED=n runs another)' : ' (from FUZZ_SEED)'}`,
  );
  recordFigure(
    'Fuzz time',
    [...timings].map(([name, t]) => `${name.replace('Fuzz: ', '')} ${t.runs} inputs in ${(t.ms / 1000).toFixed(1)} s`).join('; '),
  );
}

/**
 * A mocha test that checks `property` on FUZZ_RUNS generated inputs from FUZZ_SEED (after the fixed
 * `examples`) and counts them in `surface`'s row. A failing property is shrunk by fast-check and
 * reported with its counterexample and the seed and path that replay it.
 */
export function fuzzCase<T>(
  surface: FuzzSurface,
  title: string,
  property: () => fc.IRawProperty<T>,
  options: { examples?: T[]; runs?: number } = {},
): void {
  it(`[${surface}] ${title}`, async function () {
    this.timeout(15 * 60_000);
    const started = performance.now();
    // `examples` (counterexamples found earlier, kept as regressions) run first, on every seed.
    const examples = options.examples ?? [];
    const details = await fc.check(property(), { seed: FUZZ_SEED, numRuns: options.runs ?? FUZZ_RUNS, examples, endOnFailure: true });
    countRuns(surface, details.numRuns, details.failed ? details.numRuns - 1 : details.numRuns);
    noteTiming(surface, details.numRuns, performance.now() - started);
    if (details.failed) {
      // Shrink apart, from the failing run's path, for at most SHRINK_MS: shrinking a long string can
      // otherwise take many minutes. The report then shows the smallest counterexample found in time.
      const shrunk = await fc.check(property(), {
        seed: FUZZ_SEED,
        path: details.counterexamplePath ?? undefined,
        examples,
        skipAllAfterTimeLimit: SHRINK_MS,
      });
      const reported = shrunk.failed ? shrunk : details;
      const cause = reported.errorInstance instanceof Error ? reported.errorInstance.message : String(reported.errorInstance);
      throw new Error(`${fc.defaultReportMessage(reported) ?? `the property failed (seed ${FUZZ_SEED})`}\nWhat failed: ${cause}`);
    }
  });
}

/** Single characters that break naive code: controls, XML specials, quotes, separators, odd Unicode. */
export const nastyChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)) },
  // Lone surrogates: a JavaScript string may hold them, UTF-8 and XML cannot.
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '&',
      '<',
      '>',
      '"',
      "'",
      '`',
      ']]>',
      '&amp;',
      '&#65;',
      '&#x0;',
      '<!--',
      '<![CDATA[',
      '%',
      '%00',
      '%zz',
      '%0A',
      '#',
      '=',
      '?',
      '/',
      '\\',
      ':',
      ';',
      ',',
      ' ',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '\u0085',
      '\u00a0',
      '\u2028',
      '\u2029',
      '\u200b',
      '\u200f',
      '\u202e',
      '\ufeff',
      '\ufffd',
      '\ufffe',
      '\uffff',
      '\u{1f600}',
      '\u{10ffff}',
      'é',
      'e\u0301',
      '日本',
    ),
  },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
);

/** Text made of nastyChar, up to `maxLength` pieces. */
export function nastyText(maxLength = 40): fc.Arbitrary<string> {
  return fc.array(nastyChar, { maxLength }).map((parts) => parts.join(''));
}
