// Bad API answers: the Panopto client (signed in through the auth core) meets REST v1 answers that
// are broken in each way the dev server can make them (restFaultMode, apiAnswerFault, failures).
// Each ends in a clear error naming the endpoint, never loops, and never signs the user out.
import assert from 'node:assert/strict';
import { PanoptoClient } from '../../src/panopto/client';
import { PanoptoHttpError, PanoptoMalformedResponseError, PanoptoTooManyPagesError } from '../../src/panopto/errors';
import { FolderService } from '../../src/panopto/folders';
import { folderIdFor, SEED_PATHS } from '../../devserver/seedFolders';
import { restSwitchDefaults, startTestDevServer, type DevServer } from '../support/devServer';
import { FAST_RETRY } from '../support/testAccess';
import { reliabilityCase, rejectsClearly } from './support/figures';
import { disposeCores, freePort, reliableCore, storedSessions, type TestCore } from './support/cores';

describe('reliability: bad API answers', () => {
  let server: DevServer;
  let t: TestCore;
  let folders: FolderService;
  const comp101 = folderIdFor(SEED_PATHS.comp101);

  before(async () => {
    const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
    t = await reliableCore({ server, settings: { redirectUri } });
    await t.core.createSession([]);
    folders = new FolderService(new PanoptoClient({ access: t.core, retry: FAST_RETRY }));
  });
  afterEach(async () => {
    Object.assign(server.switches, restSwitchDefaults());
    // A bad answer never signs the user out, and the client still works once the site is well.
    assert.equal(storedSessions(t).length, 1, 'still signed in');
    assert.ok((await folders.listFolders(comp101)).length > 0, 'the client recovers');
    server.stats.reset();
  });
  after(async () => {
    disposeCores();
    await server.close();
  });

  const children = `GET /Panopto/api/v1/folders/${comp101}/children`;
  const endpointNamed = (text: string) => new RegExp(text + '.*' + children.replace(/[/]/g, '\\/'));

  reliabilityCase('Bad API answers', 'malformed JSON: clear error naming the endpoint', async () => {
    server.switches.restFaultMode = 'malformedJson';
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoMalformedResponseError,
      message: endpointNamed('unexpected answer \\(not JSON'),
    });
  });

  reliabilityCase('Bad API answers', 'an HTML sign-in page with 200: clear error, no HTML in the message', async () => {
    server.switches.restFaultMode = 'html';
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoMalformedResponseError,
      message: endpointNamed('unexpected answer \\(not JSON.*text\\/html'),
    });
  });

  reliabilityCase('Bad API answers', 'an HTML error page with 500: retried a bounded number of times, then a clear error', async () => {
    server.switches.restFaultMode = 'error500';
    const e = await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoHttpError,
      message: endpointNamed('Panopto failed to answer \\(HTTP 500\\) after \\d+ attempts'),
    });
    assert.ok(/after (\d+) attempts/.exec(e.message)![1] === String(FAST_RETRY.maxRetries + 1));
  });

  reliabilityCase('Bad API answers', 'missing Results (items under another name): clear error naming Results', async () => {
    server.switches.apiAnswerFault = 'missingResults';
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoMalformedResponseError,
      message: endpointNamed('unexpected answer \\(.*Results'),
    });
  });

  reliabilityCase('Bad API answers', "a bare array instead of { Results } (Panopto's 2019 shape): clear error", async () => {
    server.switches.restFaultMode = 'bareArray';
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoMalformedResponseError,
      message: endpointNamed('unexpected answer \\(.*expected object, received array'),
    });
  });

  reliabilityCase('Bad API answers', 'wrong types (Id a number, Name null): clear error naming the field', async () => {
    server.switches.apiAnswerFault = 'wrongTypes';
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoMalformedResponseError,
      message: endpointNamed('unexpected answer \\(.*(Id|Name)'),
    });
  });

  reliabilityCase('Bad API answers', 'wrong types in a single object (GET /folders/{id}): clear error', async () => {
    server.switches.apiAnswerFault = 'wrongTypes';
    await rejectsClearly(folders.getFolder(comp101), {
      type: PanoptoMalformedResponseError,
      message: /unexpected answer \(.*(Id|Name).*GET \/Panopto\/api\/v1\/folders\//,
    });
  });

  reliabilityCase('Bad API answers', 'an empty 200 body: clear error', async () => {
    server.switches.apiAnswerFault = 'emptyBody';
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoMalformedResponseError,
      message: endpointNamed('unexpected answer'),
    });
  });

  reliabilityCase('Bad API answers', 'an endless paging server: the client stops at its page limit with a clear error', async () => {
    Object.assign(server.switches, { restFaultMode: 'endlessPaging', pageSize: 1 });
    const e = await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoTooManyPagesError,
      message: endpointNamed('kept sending pages; stopped after \\d+ pages'),
    });
    const limit = Number(/after (\d+) pages/.exec(e.message)![1]);
    assert.ok(limit >= 10 && limit <= 1000, `a sane page limit: ${limit}`);
  });

  reliabilityCase('Bad API answers', '401 again after a refresh: one refresh, then "sign in again" — no loop', async () => {
    Object.assign(server.switches, { restFailCount: 5, restFailStatus: 401, restRetryAfterSeconds: -1 });
    server.stats.reset();
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoHttpError,
      message: endpointNamed('did not accept the sign-in \\(HTTP 401\\); sign in again'),
    });
    assert.equal(server.stats.tokenRequestsByGrant.refresh_token, 1, 'exactly one refresh');
    assert.equal(server.switches.restFailCount, 3, 'two requests: the first and one retry with the new token');
  });

  reliabilityCase('Bad API answers', '429 with Retry-After that never ends: bounded attempts, clear error', async () => {
    Object.assign(server.switches, { restFailCount: 50, restFailStatus: 429, restRetryAfterSeconds: 0 });
    await rejectsClearly(folders.listFolders(comp101), {
      type: PanoptoHttpError,
      message: endpointNamed('limiting requests \\(HTTP 429\\), still after \\d+ attempts'),
    });
    assert.ok(server.switches.restFailCount >= 40, 'a bounded number of attempts');
  });

  reliabilityCase('Bad API answers', '404 with an APIError body: the server message and the endpoint are named', async () => {
    await rejectsClearly(folders.listFolders('11111111-2222-4333-8444-555555555555'), {
      type: PanoptoHttpError,
      message: /could not find it \(HTTP 404\)\..*GET \/Panopto\/api\/v1\/folders\/11111111/,
    });
  });
});
