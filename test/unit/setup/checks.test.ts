// Check Setup's lines against the dev server, one misconfiguration switch at a time.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { runSetupChecks, type CheckLine, type SetupCheckDeps } from '../../../src/setup/checks';
import { devClient, useTestDevServer } from '../../support/devServer';
import { freePort } from '../../support/authHarness';

describe('setup: Check Setup against the dev server', () => {
  const server = useTestDevServer();
  let redirectUri: string;
  before(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/redirect`;
  });
  afterEach(() => {
    Object.assign(server().switches, { oauthClientFault: 'none', notPanopto: 'off', discovery: true });
  });

  function deps(overrides: Partial<SetupCheckDeps['settings']> = {}, secret: string | null = devClient.clientSecret): SetupCheckDeps {
    return {
      settings: {
        serverUrl: server().baseUrl,
        clientId: devClient.clientId,
        redirectUri: devClient.redirectUris[1],
        scopes: ['openid', 'api', 'offline_access'],
        usePkce: false,
        ...overrides,
      },
      clientSecret: () => Promise.resolve(secret ?? undefined),
      accounts: () => Promise.resolve([]),
      freshSession: () => Promise.resolve(true),
    };
  }
  const byCheck = (lines: CheckLine[], check: string) => lines.find((l) => l.check === check);
  const show = (title: string, lines: CheckLine[]) =>
    console.log(`    ${title}\n${lines.map((l) => `      ${l.status.padEnd(7)} ${l.check}: ${l.detail}`).join('\n')}`);

  it('a correct setup passes every check that needs no password', async () => {
    const lines = await runSetupChecks(deps({ redirectUri: devClient.redirectUris[1] }));
    show('correct setup', lines);
    const failed = lines.filter((l) => l.status === 'failed');
    // The redirect port may be held by a running demo; everything else must pass.
    assert.deepEqual(
      failed.filter((l) => l.check !== 'Redirect listener'),
      [],
    );
    assert.equal(byCheck(lines, 'API client')?.status, 'passed');
    assert.equal(byCheck(lines, 'Redirect URL')?.status, 'passed');
    assert.equal(byCheck(lines, 'Signed-in account')?.status, 'skipped');
  });

  const faults = [
    ['redirectUriNotRegistered', 'Redirect URL', /does not have http:\/\/127\.0\.0\.1:9127\/redirect registered/],
    ['wrongClientType', 'API client', /Server-side Web Application/],
    ['disabledClient', 'API client', /invalid_client/],
  ] as const;
  for (const [fault, check, says] of faults) {
    it(`oauthClientFault=${fault}: "${check}" fails and says why`, async () => {
      server().switches.oauthClientFault = fault;
      const lines = await runSetupChecks(deps());
      show(fault, lines);
      const line = byCheck(lines, check);
      assert.equal(line?.status, 'failed');
      assert.match(line.detail, says);
      assert.ok(line.fix, 'a fix is offered');
    });
  }

  it('a wrong secret: the API client check fails with Set Client Secret', async () => {
    const lines = await runSetupChecks(deps({}, 'not-the-secret-of-this-client'));
    show('wrong secret', lines);
    assert.equal(byCheck(lines, 'API client')?.fix?.command, 'panopto.setClientSecret');
  });

  for (const mode of ['homePage', 'notFound', 'ssoPortal'] as const) {
    it(`notPanopto=${mode}: the site check fails before the client is tried`, async () => {
      server().switches.notPanopto = mode;
      const lines = await runSetupChecks(deps());
      show(mode, lines);
      assert.equal(byCheck(lines, 'Panopto site')?.status, 'failed');
      assert.equal(byCheck(lines, 'API client'), undefined);
    });
  }

  it('no secret stored, and the redirect port held by another program', async () => {
    const port = await freePort();
    const holder: Server = await new Promise((resolve) => {
      const s = createServer().listen(port, '127.0.0.1', () => resolve(s));
    });
    try {
      const lines = await runSetupChecks(deps({ redirectUri: `http://127.0.0.1:${port}/redirect` }, null));
      show('no secret, port busy', lines);
      assert.equal(byCheck(lines, 'Client secret')?.status, 'failed');
      assert.equal(byCheck(lines, 'Redirect listener')?.status, 'failed');
      assert.match(byCheck(lines, 'Redirect listener')?.detail ?? '', new RegExp(`Port ${port}`));
    } finally {
      holder.close();
    }
  });

  it('a stored session that cannot be renewed is a failed line with Sign In', async () => {
    const d = deps({ redirectUri });
    d.accounts = () =>
      Promise.resolve([{ sessionId: 's', account: { id: 'a', label: 'Ada Lovelace' }, serverUrl: server().baseUrl, active: true }]);
    d.freshSession = () => Promise.reject(new Error('invalid_grant'));
    const line = byCheck(await runSetupChecks(d), 'Signed-in account');
    assert.equal(line?.status, 'failed');
    assert.equal(line.fix?.command, 'panopto.signIn');
  });
});
