// Figure 2: refresh single-flight. 1,000 callers ask for the session at the same moment, just after
// the access token expired: the dev server must see exactly one token request, and every caller must
// get the new token. Expiry is reached by moving the core's clock ahead (the server-side token is
// still valid, which does not matter: the core decides from its own expiry time).
import { metFromRows, type FigureResult, type ResultRow } from '../lib/report';
import type { BenchDevServer } from '../lib/devServerProcess';
import type { NetCounter } from '../lib/netCounter';
import { RequestTimings } from '../lib/requestTimings';
import { describe, elapsedMs, num, summarize } from '../lib/summary';
import type { SignedInCore } from '../lib/signedInCore';

export const CONCURRENT_CALLERS = 1000;
const HOUR_MS = 3600_000;

export async function refreshSingleFlight(
  setup: SignedInCore,
  server: BenchDevServer,
  net: NetCounter,
  runs: number,
): Promise<FigureResult> {
  const { core, clock, secrets } = setup;
  const figure = '2. Refresh single-flight';
  const times: number[] = [];
  const tokenRequests: number[] = [];
  const httpRequests: number[] = [];
  const secretReads: number[] = [];
  const tokenRequestMs: number[] = [];
  const timings = new RequestTimings().start();
  const problems: string[] = [];
  for (let run = 0; run < runs; run++) {
    const [before] = await core.getSessions([]);
    await server.resetStats();
    // One hour and a minute later: the token (one hour) has expired.
    clock.offsetMs += HOUR_MS + 60_000;
    const readsBefore = secrets.reads;
    const netBefore = net.snapshot();
    timings.clear();
    const start = process.hrtime.bigint();
    const results = await Promise.allSettled(Array.from({ length: CONCURRENT_CALLERS }, () => core.getSessions([])));
    times.push(elapsedMs(start));
    httpRequests.push(net.since(netBefore).requests);
    secretReads.push(secrets.reads - readsBefore);
    tokenRequests.push((await server.stats()).tokenRequests);
    const token = timings.done.find((r) => r.method === 'POST' && r.path.includes('/connect/token'));
    if (token) tokenRequestMs.push(token.ms);
    const tokens = new Set<string>();
    let failed = 0;
    for (const result of results) {
      if (result.status === 'fulfilled' && result.value.length === 1) tokens.add(result.value[0].accessToken);
      else failed++;
    }
    if (failed) problems.push(`run ${run + 1}: ${failed} caller(s) got no session`);
    if (tokens.size !== 1) problems.push(`run ${run + 1}: callers got ${tokens.size} different tokens`);
    if (before && tokens.has(before.accessToken)) problems.push(`run ${run + 1}: callers got the expired token`);
  }
  timings.stop();
  const time = summarize(times);
  const tokenTime = summarize(tokenRequestMs);
  const exactlyOne = tokenRequests.every((n) => n === 1);
  const notes = [
    `Figure 2: per run, the core's clock moves 61 minutes ahead, then ${CONCURRENT_CALLERS} \`getSessions([])\` calls start together; token requests are the dev server's own count ` +
      "(GET /__dev/stats, reset before each run). The time includes the refresher's cross-window lease (write, settle 150 ms, read back), which VS Code windows need with rotating refresh tokens.",
    ...problems,
  ];
  const rows: ResultRow[] = [
    {
      figure,
      measure: `token requests for ${CONCURRENT_CALLERS} concurrent callers at expiry (per run)`,
      value: tokenRequests.join(', '),
      goal: 'exactly 1',
      met: exactlyOne,
    },
    {
      figure,
      measure: `callers given the one new token (per run)`,
      value: problems.length ? problems.join('; ') : `all ${CONCURRENT_CALLERS}`,
      goal: `all ${CONCURRENT_CALLERS}`,
      met: problems.length === 0,
    },
    { figure, measure: `time until all ${CONCURRENT_CALLERS} callers have a token`, value: time, unit: 'ms' },
    { figure, measure: 'of which the token request (POST …/connect/token, to response headers)', value: tokenTime, unit: 'ms' },
    { figure, measure: 'HTTP requests made by the client per expiry (per run)', value: httpRequests.join(', ') },
    { figure, measure: 'SecretStorage reads per expiry (per run)', value: secretReads.join(', ') },
  ];
  return {
    figure,
    met: metFromRows(rows),
    notes,
    verdict:
      `${figure}: token requests per expiry ${tokenRequests.join(', ')} (goal exactly 1); all ${CONCURRENT_CALLERS} callers had a token after ${describe(time, 'ms')}, of which the token request ${num(tokenTime.median)} ms` +
      `; client HTTP requests ${httpRequests.join(', ')}; SecretStorage reads ${secretReads.join(', ')}${problems.length ? `; ${problems.join('; ')}` : ''}`,
    rows,
  };
}
