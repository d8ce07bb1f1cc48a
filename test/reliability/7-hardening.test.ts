// The security review's fixes, one figures row each. Their cases are written once, as unit specs in
// the folders that mirror src/ (test/unit/auth for src/auth, …); this file loads those spec files
// inside its own suite and counts every case of each named describe block in that block's row.
import assert from 'node:assert/strict';
import { countCase, type HardeningRow } from './support/figures';

/** Row → the unit spec files whose describe block carries the row's name (lower case, `hardening: …`). */
const rows: Record<HardeningRow, string[]> = {
  'Hardening: loopback listener': ['../unit/auth/loopbackServer.test'],
  'Hardening: token lifetime': ['../unit/auth/tokenLifetime.test'],
  'Hardening: refresh on 401': ['../unit/panopto/refreshPolicy.test'],
  'Hardening: keyring errors': ['../unit/auth/tokenStore.test'],
  'Hardening: redaction set': ['../unit/util/log.test', '../unit/auth/redirectRouter.test'],
  'Hardening: loopback address': ['../unit/auth/loopbackServer.test'],
  'Hardening: workspace settings': ['../unit/auth/workspaceSettings.test'],
  'Hardening: server URLs': ['../unit/panopto/sessionUpload.test'],
  'Hardening: ids in paths': ['../unit/panopto/sessionUpload.test'],
};

/** The row of a case: the nearest enclosing describe block named after a row. */
function rowOf(test: Mocha.Runnable): HardeningRow | undefined {
  for (let suite: Mocha.Suite | undefined = test.parent; suite; suite = suite.parent) {
    const row = (Object.keys(rows) as HardeningRow[]).find((name) => name.toLowerCase() === suite?.title.toLowerCase());
    if (row) return row;
  }
  return undefined;
}

describe('reliability: hardening (the unit cases of each fix, by name)', function () {
  const seen = new Set<HardeningRow>();

  for (const file of new Set(Object.values(rows).flat())) {
    // Registered here, so these specs run once in this suite and their cases land in its rows.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha registers describe blocks synchronously; import() would be too late
    require(file);
  }

  afterEach(function () {
    const test = this.currentTest;
    const row = test && rowOf(test);
    if (test && row) {
      seen.add(row);
      countCase(row, test.state === 'passed');
    }
  });

  after(function () {
    const missing = (Object.keys(rows) as HardeningRow[]).filter((row) => !seen.has(row));
    const filtered = process.argv.some((a) => /^(-g|-f|--grep|--fgrep)(=|$)/.test(a));
    if (!filtered) assert.deepEqual(missing, [], 'every fix has run cases under its own name');
  });
});
