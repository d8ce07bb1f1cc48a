// Figure 5: folders. Listing a folder of 2,000 children through the extension's FolderService
// (PanoptoClient: token from the provider core, zod validation, retry policy, paging), against the
// same pages fetched by a bare loop of undici.request with the same token: requests made (goal: one
// per page) and the time ratio.
import { request } from 'undici';
import { FolderService } from '../../src/panopto/folders';
import type { PanoptoClient } from '../../src/panopto/client';
import type { AccessSource } from '../../src/panopto/access';
import type { FigureResult } from '../lib/report';
import type { NetCounter } from '../lib/netCounter';
import { describe, elapsedMs, num, summarize } from '../lib/summary';

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
  // Warm both paths once (connections, JIT) so the runs compare steady states.
  await service.listFolders(o.folderId);
  const bareWarm = await bareLoop(o);

  const clientMs: number[] = [];
  const bareMs: number[] = [];
  const clientRequests: number[] = [];
  const problems: string[] = [];
  for (let run = 0; run < o.runs; run++) {
    const before = o.net.snapshot();
    let start = process.hrtime.bigint();
    const listed = await service.listFolders(o.folderId);
    clientMs.push(elapsedMs(start));
    clientRequests.push(o.net.since(before).requests);
    if (listed.length !== o.expectedChildren) problems.push(`run ${run + 1}: the service listed ${listed.length} children, not ${o.expectedChildren}`);

    start = process.hrtime.bigint();
    const bare = await bareLoop(o);
    bareMs.push(elapsedMs(start));
    if (bare.items !== o.expectedChildren) problems.push(`run ${run + 1}: the bare loop saw ${bare.items} children`);
  }
  const pages = bareWarm.pages;
  const client = summarize(clientMs);
  const bare = summarize(bareMs);
  const ratio = summarize(clientMs.map((ms, i) => ms / bareMs[i]));
  const onePerPage = clientRequests.every((n) => n === pages);
  const met = onePerPage && problems.length === 0;
  return {
    figure,
    met,
    verdict:
      `${figure}: ${o.expectedChildren} children in ${pages} pages (the last one empty): ${clientRequests.join(', ')} requests per listing (goal ${pages}, one per page); ` +
      `${describe(client, 'ms')} vs bare undici loop ${describe(bare, 'ms')}: time ratio ${describe(ratio, '', 2)}${problems.length ? `; ${problems.join('; ')}` : ''}`,
    rows: [
      { figure, measure: `requests to list ${o.expectedChildren} children (per run)`, value: clientRequests.join(', '), comparison: `${pages} pages incl. the empty last page`, goal: `${pages} (one per page)`, met: onePerPage },
      { figure, measure: 'FolderService.listFolders time', value: client, unit: 'ms', comparison: `time ratio to the bare loop ${describe(ratio, '', 2)}` },
      { figure, measure: 'bare undici.request loop over the same pages (reference)', value: bare, unit: 'ms' },
    ],
    notes: [
      `Figure 5: the dev server's seeded folder "Stress Test – 2,000 folders" (pageSize ${num(o.expectedChildren / (pages - 1))}); Panopto's paging has no total count, so a listing ends at the first empty page, ` +
        'for the bare loop as for the client. Requests are counted on diagnostics_channel in this process. Each run lists with the service, then with the bare loop.',
      ...problems,
    ],
  };
}
