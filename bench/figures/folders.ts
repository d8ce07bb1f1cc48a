// Figure 5: folders. Listing a folder of 2,000 children through the extension's FolderService
// (PanoptoClient: token from the provider core, zod validation, retry policy, paging), against the
// same pages fetched by a bare loop of undici.request with the same token. Two goals: one request per
// page, and a median time ratio to the bare loop of at most 1.2.
import { request } from 'undici';
import { FolderService } from '../../src/panopto/folders';
import type { PanoptoClient } from '../../src/panopto/client';
import type { AccessSource } from '../../src/panopto/access';
import { metFromRows, type FigureResult, type ResultRow } from '../lib/report';
import type { NetCounter } from '../lib/netCounter';
import { describe, elapsedMs, num, summarize } from '../lib/summary';

export const RATIO_GOAL = 1.2;

export interface FoldersOptions {
  client: PanoptoClient;
  access: AccessSource;
  folderId: string;
  expectedChildren: number;
  runs: number;
  net: NetCounter;
}

/** The reference: pages from 0 until an empty one, parsed, nothing else. */
async function bareLoop(o: FoldersOptions): Promise<{ items: number; pages: number }> {
  const { serverUrl, accessToken } = await o.access.getAccess();
  let items = 0;
  for (let pageNumber = 0; ; pageNumber++) {
    const url = `${serverUrl}/Panopto/api/v1/folders/${o.folderId}/children?sortField=Name&sortOrder=Asc&pageNumber=${pageNumber}`;
    const res = await request(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
    const page = (await res.body.json()) as { Results: unknown[] };
    if (res.statusCode !== 200) throw new Error(`bare loop: page ${pageNumber} answered ${res.statusCode}`);
    if (page.Results.length === 0) return { items, pages: pageNumber + 1 };
    items += page.Results.length;
  }
}

export async function folders(o: FoldersOptions): Promise<FigureResult> {
  const figure = '5. Folders';
  const service = new FolderService(o.client);
  // Warm both paths (connections, JIT) so the runs compare steady states.
  for (let i = 0; i < 3; i++) await service.listFolders(o.folderId);
  const bareWarm = await bareLoop(o);
  for (let i = 0; i < 2; i++) await bareLoop(o);

  const clientMs: number[] = [];
  const bareMs: number[] = [];
  const clientRequests: number[] = [];
  const problems: string[] = [];
  const timeClient = async (run: number) => {
    const before = o.net.snapshot();
    const start = process.hrtime.bigint();
    const listed = await service.listFolders(o.folderId);
    clientMs.push(elapsedMs(start));
    clientRequests.push(o.net.since(before).requests);
    if (listed.length !== o.expectedChildren)
      problems.push(`run ${run + 1}: the service listed ${listed.length} children, not ${o.expectedChildren}`);
  };
  const timeBare = async (run: number) => {
    const start = process.hrtime.bigint();
    const bare = await bareLoop(o);
    bareMs.push(elapsedMs(start));
    if (bare.items !== o.expectedChildren) problems.push(`run ${run + 1}: the bare loop saw ${bare.items} children`);
  };
  for (let run = 0; run < o.runs; run++) {
    // Alternate which side goes first, so neither always inherits the other's garbage to collect.
    if (run % 2 === 0) {
      await timeClient(run);
      await timeBare(run);
    } else {
      await timeBare(run);
      await timeClient(run);
    }
  }
  const pages = bareWarm.pages;
  const client = summarize(clientMs);
  const bare = summarize(bareMs);
  const ratio = summarize(clientMs.map((ms, i) => ms / bareMs[i]));
  const onePerPage = clientRequests.every((n) => n === pages);
  const ratioMet = ratio.median <= RATIO_GOAL;
  const perPageMs = (client.median - bare.median) / pages;
  const rows: ResultRow[] = [
    {
      figure,
      measure: `requests to list ${o.expectedChildren} children (per run)`,
      value: clientRequests.join(', '),
      comparison: `${pages} pages incl. the empty last page`,
      goal: `${pages} (one per page)`,
      met: onePerPage,
    },
    {
      figure,
      measure: 'FolderService.listFolders time',
      value: client,
      unit: 'ms',
      comparison: `time ratio to the bare loop ${describe(ratio, '', 3)}; ${num(perPageMs * 1000)} µs more per page (difference of the medians)`,
      goal: `ratio ≤ ${RATIO_GOAL} (median)`,
      met: ratioMet,
    },
    { figure, measure: 'bare undici.request loop over the same pages (reference)', value: bare, unit: 'ms' },
    {
      figure,
      measure: 'children listed by both, every run',
      value: problems.length ? problems.join('; ') : `${o.expectedChildren} each`,
      goal: `${o.expectedChildren}`,
      met: problems.length === 0,
    },
  ];
  return {
    figure,
    met: metFromRows(rows),
    verdict:
      `${figure}: ${o.expectedChildren} children in ${pages} pages (the last one empty): ${clientRequests.join(', ')} requests per listing (goal ${pages}, one per page); ` +
      `${describe(client, 'ms')} vs bare undici loop ${describe(bare, 'ms')}: time ratio ${describe(ratio, '', 3)} (goal ≤ ${RATIO_GOAL})${problems.length ? `; ${problems.join('; ')}` : ''}`,
    rows,
    notes: [
      `Figure 5: the dev server's seeded folder "Stress Test – 2,000 folders" (pageSize ${num(o.expectedChildren / (pages - 1))}); Panopto's paging has no total count, so a listing ends at the first empty page, ` +
        'for the bare loop as for the client. Requests are counted on diagnostics_channel in this process. After 3 warm-up listings on each side, ' +
        `each of ${o.runs} runs lists once with the service and once with the bare loop, alternating which goes first; the ratio is taken per run.`,
      ...problems,
    ],
  };
}
