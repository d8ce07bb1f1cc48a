// When a token counts as due and when its timer fires (src/auth/renewalTiming.ts).
import assert from 'node:assert/strict';
import { refreshMarginMs, timerDelayMs, timerThresholdMs } from '../../../src/auth/renewalTiming';

const MINUTE = 60 * 1000;

describe('auth: renewal timing', () => {
  it('keeps a 5-minute margin for hour-long tokens and a third of the lifetime for short ones', () => {
    assert.equal(refreshMarginMs({ issuedAt: 0, expiresAt: 60 * MINUTE }), 5 * MINUTE);
    assert.equal(refreshMarginMs({ issuedAt: 0, expiresAt: 3000 }), 1000);
    assert.equal(refreshMarginMs({ issuedAt: 0, expiresAt: 15 * MINUTE }), 5 * MINUTE);
  });

  it('places the timer ahead of the margin, with jitter, and refreshes inside its own window', () => {
    const s = { issuedAt: 0, expiresAt: 60 * MINUTE };
    const earliest = timerDelayMs(s, 0, () => 1);
    const latest = timerDelayMs(s, 0, () => 0);
    assert.ok(earliest < latest, 'jitter moves the timer');
    assert.ok(latest <= 60 * MINUTE - 5 * MINUTE, 'always before the margin');
    assert.ok(earliest >= 60 * MINUTE - timerThresholdMs(s), 'never earlier than the timer threshold');
  });
});
