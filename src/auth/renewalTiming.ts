// When a session's token counts as due for renewal, and when its proactive timer fires. Apart from
// the Refresher (./refresher.ts), which does the renewing and loads on the first renewal, because
// activation schedules the timers of the stored sessions without renewing anything.
import type { StoredSession } from './tokenStore';

/** No token is handed out with less than this left… */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** …or, for tokens that live under 15 minutes (tests, some sites), a third of their lifetime. */
export function refreshMarginMs(session: Pick<StoredSession, 'issuedAt' | 'expiresAt'>): number {
  const lifetime = Math.max(0, session.expiresAt - session.issuedAt);
  return Math.min(REFRESH_MARGIN_MS, lifetime / 3);
}

/**
 * When the proactive timer should fire: ahead of the margin by a random quarter to three quarters of
 * the margin, so that windows (and users) do not all refresh at the same instant.
 */
export function timerDelayMs(
  session: Pick<StoredSession, 'issuedAt' | 'expiresAt'>,
  now: number,
  random: () => number = Math.random,
): number {
  const margin = refreshMarginMs(session);
  const lead = margin * (1.25 + 0.5 * random());
  return Math.max(0, session.expiresAt - lead - now);
}

/** The threshold the timer refreshes under: anything inside the timer's own window. */
export function timerThresholdMs(session: Pick<StoredSession, 'issuedAt' | 'expiresAt'>): number {
  return refreshMarginMs(session) * 2;
}
