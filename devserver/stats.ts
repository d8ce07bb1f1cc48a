// Counters the dev server keeps so tests can assert what a client really did (for example
// "50 concurrent getSessions caused exactly 1 token request"). Read in-process from
// `server.stats`, or over HTTP with GET /__dev/stats; cleared by reset() / POST /__dev/stats/reset.
// To add a counter: add it to `StatsCounters` (with a comment) and to `initialCounters()`.

export interface StatsCounters {
  /** Every POST to the token endpoint, including ones answered 503 by `tokenEndpointFailures`. */
  tokenRequests: number;
  /** The same requests by grant_type ('authorization_code', 'refresh_token', 'password', …). */
  tokenRequestsByGrant: Record<string, number>;
  /** sha256 (hex) of each distinct bearer token presented to REST/upload (never the token itself). */
  bearerTokensSeen: string[];
  /** REST v1 requests by route template (e.g. 'GET /folders/{id}/children'), faults and 401s included (rest.ts). */
  restRequests: Record<string, number>;
  /** Refresh-token grants that presented a refresh token already spent while rotateRefreshTokens was on
   *  (oidc-provider then revokes the whole grant): a client whose windows renew in step never does. */
  spentRefreshTokensPresented: number;
}

export interface Stats extends StatsCounters {
  reset(): void;
  /** A plain copy of the counters (what GET /__dev/stats answers). */
  snapshot(): StatsCounters;
}

function initialCounters(): StatsCounters {
  return { tokenRequests: 0, tokenRequestsByGrant: {}, bearerTokensSeen: [], restRequests: {}, spentRefreshTokensPresented: 0 };
}

export function createStats(): Stats {
  const stats: Stats = {
    ...initialCounters(),
    reset() {
      Object.assign(stats, initialCounters());
    },
    snapshot() {
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(stats)) {
        if (typeof value !== 'function') copy[key] = structuredClone(value);
      }
      return copy as unknown as StatsCounters;
    },
  };
  return stats;
}

export function countTokenRequest(stats: Stats, grantType: string | undefined): void {
  const grant = grantType || '(none)';
  stats.tokenRequests += 1;
  stats.tokenRequestsByGrant[grant] = (stats.tokenRequestsByGrant[grant] ?? 0) + 1;
}
