// The Panopto client and FolderService against the real dev server over HTTP.
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { restSwitchDefaults, useTestDevServer, type DevServer } from '../../support/devServer';
import { SEED_PATHS, SEED_SIZES, folderIdFor } from '../../../devserver/seedFolders';
import { restRequestCounts } from '../../../devserver/rest';
import { PanoptoClient } from '../../../src/panopto/client';
import {
  PanoptoHttpError,
  PanoptoMalformedResponseError,
  PanoptoNetworkError,
  PanoptoTooManyPagesError,
} from '../../../src/panopto/errors';
import { FAST_RETRY, TestAccess, serviceFor } from '../../support/testAccess';

function childrenCount(server: DevServer): number {
  return restRequestCounts({ stats: server.stats })['GET /folders/{id}/children'] ?? 0;
}

describe('Panopto client against the dev server', () => {
  const server = useTestDevServer();
  let ada: TestAccess;
  let grace: TestAccess;

  before(async () => {
    ada = await TestAccess.signIn(server(), 'ada');
    grace = await TestAccess.signIn(server(), 'grace');
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  it('maps folders to the API shape and lists every page in Panopto order', async () => {
    server().switches.pageSize = 20;
    const children = await serviceFor(ada).listFolders(folderIdFor(SEED_PATHS.lectureArchive));
    assert.equal(children.length, SEED_SIZES.lectureArchiveChildren);
    assert.deepEqual(
      children.map((f) => f.name),
      Array.from({ length: 130 }, (_, i) => `Lecture ${String(i + 1).padStart(3, '0')}`),
    );
    const first = children[0];
    assert.equal(first.parentId, folderIdFor(SEED_PATHS.lectureArchive));
    assert.equal(first.url, `${server().baseUrl}/Panopto/Pages/Sessions/List.aspx#folderID=%22${first.id}%22`);
    assert.equal(first.description, 'Archived lecture number 1.');
  });

  it('shows each user only their folders', async () => {
    const adaTop = (await serviceFor(ada).listFolders()).map((f) => f.name);
    const graceTop = (await serviceFor(grace).listFolders()).map((f) => f.name);
    assert.ok(adaTop.includes(SEED_PATHS.maths) && !graceTop.includes(SEED_PATHS.maths));
    assert.ok(graceTop.includes(SEED_PATHS.graceNotes) && !adaTop.includes(SEED_PATHS.graceNotes));
    assert.ok(adaTop.includes(SEED_PATHS.cse) && graceTop.includes(SEED_PATHS.cse));
  });

  it('searches folders and lists sessions in camelCase', async () => {
    const hits = await serviceFor(grace).searchFolders('lab rec');
    assert.deepEqual(
      hits.map((f) => [f.name, f.parentId]),
      [['Lab recordings', folderIdFor(SEED_PATHS.week1)]],
    );
    const sessions = await serviceFor(ada).listSessions(folderIdFor(SEED_PATHS.week1));
    assert.equal(sessions.length, 3);
    for (const s of sessions) {
      assert.equal(s.folderId, folderIdFor(SEED_PATHS.week1));
      assert.match(s.viewerUrl ?? '', /\/Panopto\/Pages\/Viewer\.aspx\?id=/);
    }
    await assert.rejects(serviceFor(ada).searchFolders('   '), /search/);
  });

  it('refreshes once when the token expires between two pages, without an error', async () => {
    const access = await TestAccess.signIn(server(), 'ada');
    // Lecture Archive at 65 per page: pages 0 and 1 full, page 2 empty. The token dies after two requests.
    Object.assign(server().switches, { pageSize: 65, restTokenRequestLimit: 2 });
    const refreshesBefore = server().stats.tokenRequestsByGrant.refresh_token ?? 0;
    const children = await serviceFor(access).listFolders(folderIdFor(SEED_PATHS.lectureArchive));
    assert.equal(children.length, SEED_SIZES.lectureArchiveChildren);
    assert.equal(new Set(children.map((f) => f.id)).size, SEED_SIZES.lectureArchiveChildren);
    assert.equal(access.forcedRefreshes, 1);
    assert.equal((server().stats.tokenRequestsByGrant.refresh_token ?? 0) - refreshesBefore, 1);
  });

  it('backs off on 429 and then succeeds', async () => {
    Object.assign(server().switches, { restFailCount: 2, restRetryAfterSeconds: 0 });
    const before = childrenCount(server());
    const top = await serviceFor(ada).listFolders();
    assert.ok(top.length > 0);
    assert.equal(server().switches.restFailCount, 0);
    assert.equal(childrenCount(server()) - before, 2 + 2, 'two 429s, then page 0 and the empty page 1');
  });

  it('gives up on a Retry-After longer than the policy allows, naming the 429', async () => {
    Object.assign(server().switches, { restFailCount: 5, restRetryAfterSeconds: 120 });
    const before = childrenCount(server());
    await assert.rejects(serviceFor(ada).listFolders(), (e: unknown) => e instanceof PanoptoHttpError && e.status === 429);
    assert.equal(childrenCount(server()) - before, 1, 'no retry when the wait is too long');
  });

  it('stops after a bounded number of attempts on 500, with a clear message', async () => {
    server().switches.restFaultMode = 'error500';
    const before = childrenCount(server());
    await assert.rejects(serviceFor(ada).listFolders(), (e: unknown) => {
      assert.ok(e instanceof PanoptoHttpError);
      assert.equal(e.status, 500);
      assert.match(e.message, /HTTP 500/);
      assert.match(e.message, /\/Panopto\/api\/v1\/folders\/.*\/children/);
      assert.doesNotMatch(e.message, /<html|Server Error in/i);
      return true;
    });
    assert.equal(childrenCount(server()) - before, FAST_RETRY.maxRetries + 1);
  });

  for (const [mode, detail] of [
    ['malformedJson', /not JSON/],
    ['html', /not JSON, content-type text\/html/],
    ['bareArray', /body: Invalid input: expected object, received array/],
  ] as const) {
    it(`turns a ${mode} answer into a clear error naming the endpoint`, async () => {
      server().switches.restFaultMode = mode;
      await assert.rejects(serviceFor(ada).listFolders(), (e: unknown) => {
        assert.ok(e instanceof PanoptoMalformedResponseError, String(e));
        assert.match(e.message, /^Panopto sent an unexpected answer \(.*\)\. GET \/Panopto\/api\/v1\/folders\/0{8}-.*\/children$/);
        assert.match(e.message, detail);
        return true;
      });
    });
  }

  it('stops an endless list at the page limit', async () => {
    Object.assign(server().switches, { restFaultMode: 'endlessPaging', pageSize: 5 });
    const service = serviceFor(ada, { maxPages: 6 });
    await assert.rejects(service.listFolders(), (e: unknown) => e instanceof PanoptoTooManyPagesError && /6 pages/.test(e.message));
  });

  // A 403 ("no permission") costs no refresh: test/unit/panopto/refreshPolicy.test.ts.

  it("reports 404 with Panopto's message", async () => {
    await assert.rejects(serviceFor(ada).getFolder('11111111-2222-4333-8444-555555555555'), (e: unknown) => {
      assert.ok(e instanceof PanoptoHttpError);
      assert.equal(e.status, 404);
      assert.match(e.message, /was not found/);
      return true;
    });
  });

  it('offers a generic authorized JSON request for other paths (sessionUpload style)', async () => {
    const client = new PanoptoClient({ access: ada, retry: FAST_RETRY });
    const folder = await client.requestJson({
      path: `/Panopto/api/v1/folders/${folderIdFor(SEED_PATHS.cse)}`,
      schema: z.object({ Id: z.string(), Name: z.string() }),
    });
    assert.equal(folder.Name, SEED_PATHS.cse);
  });

  it('does not retry a failed POST (it could create twice), but does retry a 429 on it', async () => {
    const client = new PanoptoClient({ access: ada, retry: FAST_RETRY });
    const path = `/Panopto/api/v1/folders/${folderIdFor(SEED_PATHS.cse)}`;
    const count = () => restRequestCounts({ stats: server().stats })['POST /folders/{id}'] ?? 0;
    server().switches.restFaultMode = 'error500';
    let before = count();
    await assert.rejects(client.requestJson({ method: 'POST', path, body: { Name: 'x' }, schema: z.unknown() }), /HTTP 500\)\. POST /);
    assert.equal(count() - before, 1);

    Object.assign(server().switches, { restFaultMode: 'none', restFailCount: 1, restRetryAfterSeconds: 0 });
    before = count();
    await assert.rejects(client.requestJson({ method: 'POST', path, body: { Name: 'x' }, schema: z.unknown() }), /HTTP 405/);
    assert.equal(count() - before, 2, 'the 429, then the real answer');
  });

  it('reports an unreachable site as a network error naming the endpoint, after bounded retries', async () => {
    const closed = { getAccess: async () => ({ serverUrl: 'http://127.0.0.1:9', accessToken: 'unused-token-value' }) };
    const client = new PanoptoClient({ access: closed, retry: FAST_RETRY });
    await assert.rejects(client.requestJson({ path: '/Panopto/api/v1/folders/x', schema: z.unknown() }), (e: unknown) => {
      assert.ok(e instanceof PanoptoNetworkError);
      assert.match(e.message, /^Could not reach Panopto \(.*\)\. GET \/Panopto\/api\/v1\/folders\/x$/);
      return true;
    });
  });
});
