// Redirects anyone can send: a code is registered for redaction only once its state matches a
// waiting sign-in, so strangers' redirects cannot grow the redaction set (src/util/log.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { RedirectRouter } from '../../../src/auth/redirectRouter';
import { createLog, MemoryLogSink, redact, REDACTED } from '../../../src/util/log';

const log = createLog(new MemoryLogSink());

describe('hardening: redaction set', () => {
  it('a redirect whose state matches no sign-in leaves its code unregistered; a matching one registers it', async () => {
    const router = new RedirectRouter(log);
    const strangersCode = `code-${randomUUID()}`;
    assert.equal(router.deliver(new URLSearchParams({ code: strangersCode, state: 'unknown-state-value' }), 'loopback'), 'unknown-state');
    assert.equal(router.deliver(new URLSearchParams({ code: `${strangersCode}-2` }), 'loopback'), 'no-state');
    assert.equal(redact(`seen ${strangersCode}`), `seen ${strangersCode}`, 'not registered');

    const abort = new AbortController();
    const waiting = router.wait('our-state-value', abort.signal);
    const ourCode = `code-${randomUUID()}`;
    assert.equal(router.deliver(new URLSearchParams({ code: ourCode, state: 'our-state-value' }), 'loopback'), 'accepted');
    await waiting;
    assert.equal(redact(`seen ${ourCode}`), `seen ${REDACTED}`);
  });
});
