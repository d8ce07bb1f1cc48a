// What the auth tests logged and which secrets they handled, for one scan when the run ends
// (registered as a root hook by test/support/rootHooks.ts, so importing this registers nothing).
import assert from 'node:assert/strict';
import { createLog, MemoryLogSink } from '../../src/util/log';

/** Every line any core logged during the suite, for the secret scan. */
export const suiteLog = new MemoryLogSink();
export const log = createLog(suiteLog);

/** Every token, code and client secret the suite handled, for the same scan. */
export const observedSecrets = new Set<string>();

export function observe(value: unknown): void {
  if (typeof value === 'string' && value.length >= 8) {
    observedSecrets.add(value);
  }
}

/** Nothing any core logged contains a token, code or secret it handled. */
export function assertNoSecretInSuiteLog(): void {
  if (suiteLog.lines.length === 0) {
    return; // no auth test ran (e.g. a filtered run of other suites)
  }
  assert.ok(observedSecrets.size > 0, 'the scan saw the secrets it checks for');
  const leaks = suiteLog.lines.filter((line) => [...observedSecrets].some((secret) => line.includes(secret)));
  assert.deepEqual(leaks, [], 'log lines containing a secret');
}
