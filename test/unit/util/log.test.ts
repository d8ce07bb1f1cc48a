// The redaction set: every log line is scanned for each registered secret, so it must not grow
// without bound (test/unit/auth/redirectRouter.test.ts: what outsiders send is not registered at all).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  createLog,
  MAX_REGISTERED_SECRETS,
  MemoryLogSink,
  redact,
  registeredSecretCount,
  registerSecret,
  REDACTED,
} from '../../../src/util/log';

describe('hardening: redaction set', () => {
  it('stays bounded however many values are registered, and keeps the most recent ones', () => {
    const values = Array.from({ length: 5 * MAX_REGISTERED_SECRETS }, () => `value-${randomUUID()}`);
    values.forEach(registerSecret);
    assert.ok(registeredSecretCount() <= MAX_REGISTERED_SECRETS, `${registeredSecretCount()} registered`);
    const latest = values[values.length - 1];
    assert.equal(redact(`token ${latest} end`), `token ${REDACTED} end`);
  });

  it('a value registered again moves to the recent end and survives the eviction of older ones', () => {
    const kept = `kept-${randomUUID()}`;
    registerSecret(kept);
    for (let i = 0; i < 2 * MAX_REGISTERED_SECRETS; i++) {
      registerSecret(`filler-${randomUUID()}`);
      if (i % 50 === 0) registerSecret(kept); // in use: registered whenever it is used
    }
    assert.equal(redact(kept), REDACTED);
  });
});

describe('redaction patterns (secrets nobody registered)', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';
  const cases: [string, string][] = [
    [`id token ${jwt} end`, `id token ${REDACTED} end`],
    ['header BEARER abcdefgh12345678', `header BEARER ${REDACTED}`],
    ['header basic dXNlcjpwYXNzd29yZA==', `header basic ${REDACTED}`],
    ['GET /cb?code=s3cr3tc0de&state=x', `GET /cb?code=${REDACTED}&state=x`],
    ['{"Refresh_Token": "rt-123456"}', `{"Refresh_Token": "${REDACTED}"}`],
    ['client_secret: hunter2', `client_secret: ${REDACTED}`],
    ['Panopto for VS Code 0.1.0 activated', 'Panopto for VS Code 0.1.0 activated'],
    ['basic ok, a token of thanks', 'basic ok, a token of thanks'],
  ];
  for (const [line, expected] of cases) {
    it(`${JSON.stringify(line)} is logged as ${JSON.stringify(expected)}`, () => {
      assert.equal(redact(line), expected);
    });
  }
});

describe('log levels', () => {
  it("formats and hands on only the lines the sink's level shows (VS Code's LogLevel numbers)", () => {
    const lines = (logLevel?: number) => {
      const sink = new MemoryLogSink(logLevel);
      const log = createLog(sink);
      log.trace('t');
      log.debug('d');
      log.info('i');
      log.warn('w');
      log.error('e');
      return sink.lines.map((line) => line.split(' ')[0]).join(',');
    };
    assert.equal(lines(), 'trace,debug,info,warn,error', 'a sink without a level gets every line');
    assert.equal(lines(1), 'trace,debug,info,warn,error');
    assert.equal(lines(2), 'debug,info,warn,error');
    assert.equal(lines(3), 'info,warn,error', "VS Code's default: no trace or debug");
  });

  it('a debug line the sink would not show is not even formatted', () => {
    const log = createLog(new MemoryLogSink(3));
    let formatted = false;
    log.debug('request', {
      toJSON() {
        formatted = true;
        return 'x';
      },
    });
    assert.equal(formatted, false);
  });
});
