// Fuzz: the `.env` reader (src/util/envFile.ts) and panopto.importEnvFile's logic
// (src/auth/envImport.ts) on generated files. Properties: only EnvFileError / EnvImportError ever
// escape; a malformed line is reported with the line number an editor shows for it; an error about
// a value names the line that sets it; a bad file writes nothing; and a value written in quotes
// reads back the same.
//
// What a `.env` value cannot carry, decided here: a CR (dotenv reads every CR as a line break), a
// value holding all three quote characters (no quoting encloses it), and, in double quotes, the
// two-character sequences \n and \r (dotenv expands them). A value ending in a backslash is
// written unquoted: before a closing quote dotenv may read it as an escaped quote and run on into
// the next lines (found by this property), so only a one-line value without `#` can end in one.
// Values are read trimmed, and a value that trims to nothing counts as not set.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EnvImportError, importPanoptoEnv, type ImportedSetting } from '../../../src/auth/envImport';
import { ENV_KEYS, EnvFileError, parsePanoptoEnv, type EnvKey, type PanoptoEnv } from '../../../src/util/envFile';
import { fuzzCase, nastyText } from '../support/fuzz';

/** The lines of `text` as an editor numbers them (CRLF, LF and a lone CR each end a line). */
function editorLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
// U+2028 and U+2029 end a line for dotenv's regular expressions (not for an editor), so a comment
// or an unquoted value holding one can hide an assignment: outside what this file generates there.
const oneLineText = (max = 20) => nastyText(max).map((t) => t.replace(/[\r\n\u2028\u2029]/g, ''));
const otherKey = fc.stringMatching(/^[A-Za-z_][\w.-]{0,12}$/).filter((k) => !(ENV_KEYS as readonly string[]).includes(k));
const assignmentHead = (key: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom('', 'export ', '  ', '\t'), key, fc.constantFrom('=', ' = ', '= ', ': '))
    .map(([lead, k, op]) => `${lead}${k}${op}`);

/** Writes `value` so dotenv reads it back as is, or undefined when no quoting can (see above). */
function quote(value: string, preference: number): string | undefined {
  if (value.endsWith('\\')) {
    return /^[^'"`]/.test(value.trim()) && !/[#\n]/.test(value) ? value : undefined;
  }
  const styles = ["'", '`', '"'].filter((q) => !value.includes(q) && !(q === '"' && /\\[nr]/.test(value)));
  if (styles.length === 0) return undefined;
  const q = styles[preference % styles.length];
  return `${q}${value}${q}`;
}

/** A line (or, for a quoted multi-line value, several) that the format allows. */
const goodLines: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom<string[]>([''], ['   '], ['\t']),
  oneLineText().map((t) => [`#${t}`]),
  oneLineText().map((t) => [`  # ${t}`]),
  // An unquoted value: anything on one line that does not start with a quote.
  fc.tuple(assignmentHead(otherKey), oneLineText()).map(([head, v]) => [`${head}${v.replace(/^[\s'"`]+/, '')}`]),
  // A quoted value, possibly over several lines, none of which holds its quote.
  fc.tuple(assignmentHead(otherKey), fc.array(oneLineText(), { minLength: 1, maxLength: 3 }), fc.nat(2)).map(([head, parts, pref]) => {
    const q = ["'", '`', '"'][pref];
    // No backslash right before the closing quote (the format limit at the top).
    const lines = parts.map((p) => p.split(q).join('')).map((p, i, all) => (i === all.length - 1 ? p.replace(/\\+$/, '') : p));
    return [`${head}${q}${lines.join('\n')}${q}`].join('\n').split('\n');
  }),
);

/** A line that is neither blank, a comment nor an assignment. */
const badLine: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][\w.-]{0,8}( [^=:\r\n]{0,12})?$/).filter((l) => !/^export\s/.test(l)),
  fc.stringMatching(/^[0-9.=-][\w.-]{0,6}=[^\r\n]{0,8}$/),
  fc.stringMatching(/^[A-Za-z_]\w{0,6}:[^\s][^\r\n]{0,6}$/),
  fc.constantFrom('export', 'export ', '=', 'KEY value', '"KEY"=1', "'", '[section]', '$KEY=1', 'ÄKEY=1'),
);

interface GeneratedFile {
  text: string;
  /** The editor line of the first malformed line, when there is one. */
  firstBadLine?: number;
}

/** Good lines, maybe one malformed line (or an unclosed quote at the end), any line breaks. */
const structuredFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    before: fc.array(goodLines, { maxLength: 6 }),
    bad: fc.option(
      fc.oneof(
        badLine.map((l) => ({ kind: 'line' as const, l })),
        fc.constantFrom("'", '"', '`').map((q) => ({ kind: 'unclosed' as const, q })),
      ),
    ),
    after: fc.array(goodLines, { maxLength: 4 }),
    breaks: fc.array(lineBreak, { minLength: 40, maxLength: 40 }),
    head: assignmentHead(otherKey),
    tail: oneLineText(),
  })
  .map(({ before, bad, after, breaks, head, tail }) => {
    const lines = before.flat();
    let firstBadLine: number | undefined;
    if (bad?.kind === 'line') {
      firstBadLine = lines.length + 1;
      lines.push(bad.l, ...after.flat());
    } else if (bad?.kind === 'unclosed') {
      // A quote that opens on the last assignment and never closes: reported at its opening line.
      firstBadLine = lines.length + 1;
      lines.push(`${head}${bad.q}${tail.split(bad.q).join('')}`);
    } else {
      lines.push(...after.flat());
    }
    const text = lines
      .map((l, i) => {
        if (i === lines.length - 1) return l;
        const br = breaks[i % breaks.length];
        // A lone CR before an empty line ended by LF would read as one CRLF: keep the lines apart.
        const mergesWithNext = br === '\r' && lines[i + 1] === '' && i + 1 < lines.length - 1 && breaks[(i + 1) % breaks.length] === '\n';
        return `${l}${mergesWithNext ? '\r\n' : br}`;
      })
      .join('');
    return { text, firstBadLine };
  });

const anyText = fc.oneof(
  nastyText(80),
  fc.string({ unit: 'binary', maxLength: 80 }),
  structuredFile.map((f) => f.text),
);

/** Runs `fn`; a throw must be an EnvFileError naming a line the text has. */
function readOrLineError(text: string): PanoptoEnv | EnvFileError {
  try {
    return parsePanoptoEnv(text);
  } catch (error) {
    assert.ok(error instanceof EnvFileError, `only EnvFileError may escape, got ${String(error)}`);
    assert.ok(
      Number.isInteger(error.line) && error.line >= 1 && error.line <= editorLines(text).length,
      `a line of the file: ${error.line}`,
    );
    assert.match(error.message, new RegExp(`\\b${error.line}\\b`), 'the message names the line');
    return error;
  }
}

describe('fuzz: .env files', () => {
  fuzzCase('Fuzz: .env files', 'any text: a result, or an EnvFileError naming a line of the file', () =>
    fc.property(anyText, (text) => {
      readOrLineError(text);
    }),
  );

  fuzzCase(
    'Fuzz: .env files',
    'the first malformed line is the one reported, numbered as an editor numbers it',
    () =>
      fc.property(structuredFile, ({ text, firstBadLine }) => {
        const result = readOrLineError(text);
        if (firstBadLine === undefined) {
          assert.ok(
            !(result instanceof EnvFileError),
            `a well-formed file was refused: ${result instanceof EnvFileError ? result.message : ''}`,
          );
        } else {
          assert.ok(result instanceof EnvFileError, `malformed line ${firstBadLine} was not reported`);
          assert.equal(result.line, firstBadLine);
        }
      }),
    // Found by this property: after a lone CR (a line break for dotenv and editors) a malformed line
    // was not reported, since the check split lines on LF only.
    { examples: [[{ text: '  # \r0=', firstBadLine: 2 }], [{ text: 'A=1\rnot an assignment\nB=2', firstBadLine: 2 }]] },
  );

  const panoptoValue = fc
    .oneof(
      nastyText(30),
      fc.webUrl(),
      fc.constantFrom(
        'https://deakin.au.panopto.com',
        'http://localhost:9127/redirect',
        ' padded ',
        'a#b',
        'x\\y\\',
        "it's",
        'multi\nline',
      ),
    )
    .map((v) => v.replace(/\r/g, ''));

  fuzzCase(
    'Fuzz: .env files',
    'a value written in quotes reads back the same (trimmed), among other lines',
    () =>
      fc.property(
        fc.dictionary(
          fc.constantFrom(...ENV_KEYS),
          fc.tuple(panoptoValue, fc.nat(2), assignmentHead(fc.constant('')), fc.option(oneLineText(), { nil: undefined })),
        ),
        fc.array(goodLines, { maxLength: 4 }),
        fc.array(lineBreak, { minLength: 1, maxLength: 3 }),
        (assigned, noise, breaks) => {
          const expected: PanoptoEnv = {};
          const lines: string[] = [...noise.flat()];
          for (const [key, [value, pref, head, comment]] of Object.entries(assigned) as [
            EnvKey,
            [string, number, string, string | undefined],
          ][]) {
            const quoted = quote(value, pref);
            fc.pre(quoted !== undefined);
            lines.push(`${head.replace(/^(\s*(?:export )?)/, `$1${key}`)}${quoted}${comment === undefined ? '' : ` #${comment}`}`);
            if (value.trim()) expected[key] = value.trim();
          }
          const text = lines.flatMap((l) => l.split('\n')).join(breaks[0]);
          assert.deepEqual(parsePanoptoEnv(text), expected);
        },
      ),
    // Found by this property (a format limit, see the top): `\` in backticks ran on into the next line.
    { examples: [[{ PANOPTO_SERVER_URL: ['\\', 1, '=', undefined], PANOPTO_CLIENT_ID: ['\n', 1, '=', undefined] }, [], ['\n']]] },
  );

  const importValue = fc.oneof(
    panoptoValue,
    fc.constantFrom(
      'https://x.hosted.panopto.com',
      'http://evil.example',
      'http://localhost/redirect',
      'localhost:8080',
      'vscode://x/did-authenticate',
      'not a url',
    ),
  );
  const importFile = fc
    .tuple(
      fc.dictionary(fc.constantFrom(...ENV_KEYS), fc.tuple(importValue, fc.nat(2))),
      fc.array(goodLines, { maxLength: 3 }),
      fc.option(badLine, { freq: 5 }),
      lineBreak,
    )
    .map(([assigned, noise, bad, br]) => {
      const lines = [...noise.flat(), ...(bad === null ? [] : [bad])];
      for (const [key, [value, pref]] of Object.entries(assigned))
        lines.push(`${key}=${quote(value, pref) ?? value.replace(/[\r\n]/g, '')}`);
      return lines.flatMap((l) => l.split('\n')).join(br);
    });

  fuzzCase(
    'Fuzz: .env files',
    'import: only typed errors, each about a value naming its line; a refused file writes nothing',
    () =>
      fc.asyncProperty(
        fc.oneof(importFile, anyText),
        fc.record({ serverUrl: fc.constantFrom('', 'https://x.hosted.panopto.com', 'nonsense'), clientId: fc.constantFrom('', 'abc') }),
        async (text, current) => {
          const writes: string[] = [];
          const targets = {
            currentSetting: (key: ImportedSetting) => (key === 'redirectUri' ? '' : current[key]),
            updateSetting: async (key: ImportedSetting) => void writes.push(key),
            storeClientSecret: async () => void writes.push('clientSecret'),
          };
          try {
            const report = await importPanoptoEnv(text, targets);
            assert.deepEqual(writes, [...report.settings.map((s) => s.key), ...(report.clientSecretFor ? ['clientSecret'] : [])]);
          } catch (error) {
            assert.ok(
              error instanceof EnvFileError || error instanceof EnvImportError,
              `only EnvFileError / EnvImportError may escape, got ${String(error)}`,
            );
            assert.deepEqual(writes, [], 'a refused file writes nothing');
            const about = /^(PANOPTO_[A-Z_]+) (?:on line (\d+) )?is not usable/.exec(error.message);
            if (about) {
              assert.ok(about[2] !== undefined, `the error names the line: ${error.message}`);
              const line = editorLines(text)[Number(about[2]) - 1] ?? '';
              assert.match(line, new RegExp(`^\\s*(?:export\\s+)?${about[1]}\\s*[=:]`), `line ${about[2]} sets ${about[1]}`);
            }
          }
        },
      ),
    // Found by this property: after a lone CR the error named line 1 for a value on line 2.
    { examples: [["\rPANOPTO_SERVER_URL='#'", { serverUrl: '', clientId: '' }]] },
  );
});
