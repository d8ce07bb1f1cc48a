// Figure 7: authoring. (a) The real hover provider (src/authoring/hoverProvider.ts, loaded over the
// 'vscode' stand-in, with the extension's details cache, SessionService and site source) on a link
// to a recording: a cold hover costs exactly one request to the dev server, a warm one (the same
// link again) none. (b) The link check's requests (src/authoring/recordingCheck.ts, what
// `panopto.checkLinks` runs once it has found the links) over 1,000 recordings: at most 8 requests
// in flight, and at most 1.2 × the time of the same 1,000 GETs made by a bare loop of 8
// undici.request workers with the same token.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { request } from 'undici';
import { folderIdFor, SEED_PATHS } from '../../devserver/seedFolders';
import type { AuthCore } from '../../src/auth/authCore';
import { createLimiter } from '../../src/authoring/limiter';
import { checkRecordings, MAX_IN_FLIGHT } from '../../src/authoring/recordingCheck';
import type { PanoptoClient } from '../../src/panopto/client';
import { SessionService } from '../../src/panopto/sessions';
import { createLog, MemoryLogSink } from '../../src/util/log';
import { InFlightCounter } from '../lib/inFlight';
import type { NetCounter } from '../lib/netCounter';
import { metFromRows, type FigureResult, type ResultRow } from '../lib/report';
import { describe, elapsedMs, num, summarize } from '../lib/summary';
import { CancellationTokenSource, Hover, installVscodeStandIn, Position, vscodeApiNames } from '../startup/vscodeStandIn';

export const LINKS = 1_000;
const RATIO_GOAL = 1.2;

export interface AuthoringOptions {
  root: string;
  core: AuthCore;
  client: PanoptoClient;
  net: NetCounter;
  /** Recordings hovered (each once cold, once warm). */
  hovers: number;
  /** Timed link checks (each against a bare loop). */
  checkRuns: number;
  log: (line: string) => void;
}

/** The seeded recordings Ada can list (folders she cannot see are skipped). */
async function knownRecordingIds(sessions: SessionService): Promise<string[]> {
  const ids = new Set<string>();
  for (const path of Object.values(SEED_PATHS)) {
    if (path === SEED_PATHS.stressTest) continue;
    const listed = await sessions.listSessions(folderIdFor(path)).catch(() => []);
    for (const s of listed) ids.add(s.id.toLowerCase());
  }
  return [...ids];
}

/** A stable GUID that no recording has (the dev server answers 404: a link to a deleted recording). */
function unknownId(n: number): string {
  const hex = createHash('sha256').update(`bench-gone-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function oneLineDocument(text: string): vscode.TextDocument {
  return { lineAt: () => ({ text }) } as unknown as vscode.TextDocument;
}

function positionOnFirstLine(character: number): vscode.Position {
  return new Position(0, character) as unknown as vscode.Position;
}

interface HoverRun {
  coldRequests: number;
  warmRequests: number;
  coldMs: number;
  warmMs: number;
  /** The hover showed the recording (its Open link), not an error or a Sign In offer. */
  shown: boolean;
}

async function measureHovers(o: AuthoringOptions, serverUrl: string, ids: string[]): Promise<HoverRun[]> {
  installVscodeStandIn(vscodeApiNames(await readFile(join(o.root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8')));
  // Loaded only now: these modules import 'vscode', which the stand-in answers from here on.
  const { createHoverProvider, detailsCacheFor } = await import('../../src/authoring/hoverProvider');
  const { siteSourceOf } = await import('../../src/authoring/site');
  const provider = createHoverProvider(siteSourceOf(o.core), detailsCacheFor(new SessionService(o.client)));
  const runs: HoverRun[] = [];
  for (const id of ids) {
    const line = `See [the lecture](${serverUrl}/Panopto/Pages/Viewer.aspx?id=${id}) before the lab.`;
    const document = oneLineDocument(line);
    const position = positionOnFirstLine(line.indexOf('Viewer.aspx'));
    const hover = async () => {
      const tokens = new CancellationTokenSource();
      const before = o.net.snapshot();
      const start = process.hrtime.bigint();
      const answer = await provider.provideHover(document, position, tokens.token);
      const ms = elapsedMs(start);
      tokens.dispose();
      const shown = answer instanceof Hover && answer.contents.value.includes('command:vscode.open');
      return { requests: o.net.since(before).requests, ms, shown };
    };
    const cold = await hover();
    const warm = await hover();
    runs.push({
      coldRequests: cold.requests,
      warmRequests: warm.requests,
      coldMs: cold.ms,
      warmMs: warm.ms,
      shown: cold.shown && warm.shown,
    });
  }
  return runs;
}

/** The reference: the same GETs, 8 workers taking the next id, each response read to the end. */
async function bareLoop(serverUrl: string, accessToken: string, ids: readonly string[]): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const res = await request(`${serverUrl}/Panopto/api/v1/sessions/${id}`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      });
      await res.body.text();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, worker));
  return statuses;
}

/**
 * Where the link check's time goes: the same 1,000 requests for live recordings only (the seeded
 * ones over and over) through SessionService, 8 at a time, against the bare loop; the time ratio per run.
 */
async function liveOnlyRatios(
  sessions: SessionService,
  serverUrl: string,
  accessToken: string,
  known: string[],
  runs: number,
): Promise<number[]> {
  const ids = Array.from({ length: LINKS }, (_, n) => known[n % known.length]);
  const viaService = async () => {
    const limit = createLimiter(MAX_IN_FLIGHT);
    await Promise.all(ids.map((id) => limit(() => sessions.getSessionDetails(id).catch(() => undefined))));
  };
  await viaService();
  await bareLoop(serverUrl, accessToken, ids);
  const ratios: number[] = [];
  for (let run = 0; run < runs; run++) {
    let start = process.hrtime.bigint();
    await viaService();
    const serviceMs = elapsedMs(start);
    start = process.hrtime.bigint();
    await bareLoop(serverUrl, accessToken, ids);
    ratios.push(serviceMs / elapsedMs(start));
  }
  return ratios;
}

export async function authoring(o: AuthoringOptions): Promise<FigureResult> {
  const figure = '7. Authoring';
  const { serverUrl, accessToken } = await o.core.getAccess();
  const sessions = new SessionService(o.client);
  const known = await knownRecordingIds(sessions);
  if (known.length < o.hovers) throw new Error(`the dev server lists ${known.length} recordings, fewer than ${o.hovers} to hover`);

  // (a) hovers
  const hovers = await measureHovers(o, serverUrl, known.slice(0, o.hovers));
  const coldOk = hovers.every((h) => h.coldRequests === 1);
  const warmOk = hovers.every((h) => h.warmRequests === 0);
  const shownOk = hovers.every((h) => h.shown);
  o.log(`    hovers: cold requests ${hovers.map((h) => h.coldRequests).join(', ')}; warm ${hovers.map((h) => h.warmRequests).join(', ')}`);

  // (b) link check over 1,000 recordings: the known ones, then ids that answer 404 (gone)
  const ids = [...known, ...Array.from({ length: LINKS - known.length }, (_, n) => unknownId(n))];
  const inFlight = new InFlightCounter((r) => r.method === 'GET' && r.path.includes('/Panopto/api/v1/sessions/')).start();
  const sink = new MemoryLogSink();
  const check = () =>
    checkRecordings(ids, sessions, { signal: new AbortController().signal, log: createLog(sink), isCancellation: () => false });
  const checkerMs: number[] = [];
  const bareMs: number[] = [];
  const checkerMax: number[] = [];
  const bareMax: number[] = [];
  const problems: string[] = [];
  let gone = 0;
  let forbidden = 0;
  let bareStatuses = new Map<number, number>();
  const timeChecker = async () => {
    inFlight.reset();
    const start = process.hrtime.bigint();
    const result = await check();
    checkerMs.push(elapsedMs(start));
    checkerMax.push(inFlight.max);
    gone = [...result.problems.values()].filter((p) => p === 'gone').length;
    forbidden = result.problems.size - gone;
    if (result.unchecked) problems.push(`${result.unchecked} recordings unchecked`);
  };
  const timeBare = async () => {
    inFlight.reset();
    const start = process.hrtime.bigint();
    bareStatuses = await bareLoop(serverUrl, accessToken, ids);
    bareMs.push(elapsedMs(start));
    bareMax.push(inFlight.max);
  };
  try {
    // Warm-up (connections, JIT), then alternate which side goes first.
    await check();
    await bareLoop(serverUrl, accessToken, ids);
    for (let run = 0; run < o.checkRuns; run++) {
      if (run % 2 === 0) {
        await timeChecker();
        await timeBare();
      } else {
        await timeBare();
        await timeChecker();
      }
      o.log(
        `    link check run ${run + 1}: ${num(checkerMs[run])} ms (max ${checkerMax[run]} in flight) vs bare loop ${num(bareMs[run])} ms`,
      );
    }
  } finally {
    inFlight.stop();
  }
  const liveOnly = summarize(await liveOnlyRatios(sessions, serverUrl, accessToken, known, 5));
  const bare404 = bareStatuses.get(404) ?? 0;
  const bare403 = bareStatuses.get(403) ?? 0;
  if (gone !== bare404 || forbidden !== bare403) {
    problems.push(`the check found ${gone} gone and ${forbidden} forbidden, the bare loop ${bare404} × 404 and ${bare403} × 403`);
  }
  const maxInFlight = Math.max(...checkerMax);
  const ratio = summarize(checkerMs.map((ms, i) => ms / bareMs[i]));
  const checker = summarize(checkerMs);
  const bare = summarize(bareMs);
  const ratioOk = ratio.median <= RATIO_GOAL;
  const inFlightOk = maxInFlight <= MAX_IN_FLIGHT;
  const cold = summarize(hovers.map((h) => h.coldMs));
  const warm = summarize(hovers.map((h) => h.warmMs));

  const rows: ResultRow[] = [
    {
      figure,
      measure: `requests per cold hover (${hovers.length} recordings)`,
      value: hovers.map((h) => h.coldRequests).join(', '),
      comparison: `cold hover ${describe(cold, 'ms')}`,
      goal: '1 each',
      met: coldOk,
    },
    {
      figure,
      measure: 'requests per warm hover (the same link again)',
      value: hovers.map((h) => h.warmRequests).join(', '),
      comparison: `warm hover ${describe(warm, 'ms')}`,
      goal: '0 each',
      met: warmOk,
    },
    {
      figure,
      measure: 'recordings whose cold and warm hovers both showed it (title, Open link)',
      value: `${hovers.filter((h) => h.shown).length} of ${hovers.length}`,
      goal: 'all',
      met: shownOk,
    },
    {
      figure,
      measure: `most requests in flight while checking ${LINKS.toLocaleString('en-US')} recordings (per run)`,
      value: checkerMax.join(', '),
      comparison: `bare loop: ${bareMax.join(', ')}`,
      goal: `≤ ${MAX_IN_FLIGHT}`,
      met: inFlightOk,
    },
    {
      figure,
      measure: `link check of ${LINKS.toLocaleString('en-US')} recordings (recordingCheck.ts)`,
      value: checker,
      unit: 'ms',
      comparison: `time ratio to the bare loop ${describe(ratio, '', 3)}`,
      goal: `ratio ≤ ${RATIO_GOAL} (median)`,
      met: ratioOk,
    },
    { figure, measure: `bare loop of ${MAX_IN_FLIGHT} undici.request workers, same GETs (reference)`, value: bare, unit: 'ms' },
    {
      figure,
      measure: `where the time goes: ${LINKS.toLocaleString('en-US')} requests for live recordings only, SessionService 8 at a time vs the bare loop`,
      value: liveOnly,
      comparison: `time ratio; the link check above asks mostly about gone recordings (${LINKS - known.length} of ${LINKS} answer 404)`,
    },
    {
      figure,
      measure: 'link check answers agree with the bare loop',
      value: problems.length ? problems.join('; ') : `${known.length} found, ${gone} gone (404), ${forbidden} forbidden (403)`,
      goal: 'same answers, none unchecked',
      met: problems.length === 0,
    },
  ];
  const misses = [
    coldOk ? '' : 'a cold hover did not cost exactly 1 request',
    warmOk ? '' : 'a warm hover made a request',
    shownOk ? '' : 'a hover did not show the recording',
    inFlightOk ? '' : `${maxInFlight} requests in flight`,
    ratioOk ? '' : `time ratio ${num(ratio.median, 3)}`,
    problems.length ? problems.join('; ') : '',
  ].filter(Boolean);
  return {
    figure,
    met: metFromRows(rows),
    rows,
    verdict:
      `${figure}: hover requests cold ${hovers.map((h) => h.coldRequests).join(', ')} (goal 1), warm ${hovers.map((h) => h.warmRequests).join(', ')} (goal 0); ` +
      `link check of ${LINKS.toLocaleString('en-US')} recordings: max ${maxInFlight} in flight (goal ≤ ${MAX_IN_FLIGHT}), ${describe(checker, 'ms')} vs bare loop ${describe(bare, 'ms')}: ` +
      `time ratio ${describe(ratio, '', 3)} (goal ≤ ${RATIO_GOAL}; live recordings alone ${num(liveOnly.median, 3)})${misses.length ? `; missed: ${misses.join(', ')}` : ''}`,
    notes: [
      `Figure 7: hovers call \`provideHover\` of the provider the extension registers (createHoverProvider with detailsCacheFor(SessionService) and siteSourceOf(the signed-in core)), ` +
        `loaded in the bench process over the 'vscode' stand-in (bench/startup/vscodeStandIn.ts), on a Markdown line linking to one of ${hovers.length} seeded recordings, first cold, then at once again (warm); ` +
        'requests are counted on diagnostics_channel. The link check runs checkRecordings (src/authoring/recordingCheck.ts, the part of `panopto.checkLinks` after the workspace search) over ' +
        `${known.length} seeded recordings and ${LINKS - known.length} ids the dev server does not know (404, "gone"); requests in flight are counted from creation to the end of the response on diagnostics_channel. ` +
        `After one warm-up each, ${o.checkRuns} runs alternate which side goes first; the ratio is taken per run. ` +
        'Then, without a goal, 5 runs of 1,000 requests for live recordings only (the seeded ones in turn) through SessionService.getSessionDetails, 8 at a time, against the bare loop: ' +
        'a gone recording costs the client more than a live one (its 404 becomes a PanoptoHttpError and then a PanoptoNotFoundError with a translated message, src/panopto/serviceErrors.ts).',
    ],
  };
}
