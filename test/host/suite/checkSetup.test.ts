// panopto.checkSetup inside a real VS Code against the dev server the runner started, with each of
// the dev server's misconfiguration switches (devserver/README.md, "Switches") flipped over HTTP.
// The report's lines are printed in the run, so what a user would read is visible in the test output.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, devServerUrl } from './context';

interface CheckLine {
  check: string;
  status: 'passed' | 'failed' | 'skipped';
  detail: string;
  fix?: { title: string; command: string };
}

async function setSwitches(switches: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${devServerUrl}/__dev/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(switches),
  });
  assert.equal(response.status, 200, 'the dev server took the switches');
}

async function checkSetup(title: string): Promise<CheckLine[]> {
  const lines = await vscode.commands.executeCommand<CheckLine[] | undefined>('panopto.checkSetup');
  assert.ok(Array.isArray(lines), 'panopto.checkSetup resolves to its lines');
  // In code-server the runner keeps only console lines that carry its marker (test/host/suite/index.ts).
  const marker = process.env.PANOPTO_HOST_CONSOLE_MARKER ?? '';
  const report = [`      [Check Setup: ${title}]`, ...lines.map((l) => `        ${l.status.padEnd(7)} ${l.check}: ${l.detail}`)];
  console.log(report.map((text) => marker + text).join('\n'));
  return lines;
}

const line = (lines: CheckLine[], check: string) => lines.find((l) => l.check === check);

describe('Check Setup against the dev server', () => {
  before(async function () {
    if (!devServerUrl) this.skip();
    this.timeout(60_000);
    await activatedApi();
    // The runner's assistant types the dev client's secret into the prompt (test/host/harness/assistant.ts).
    assert.equal(await vscode.commands.executeCommand('panopto.setClientSecret'), true, 'the client secret was saved');
  });
  afterEach(async () => {
    if (devServerUrl) await setSwitches({ oauthClientFault: 'none', notPanopto: 'off' });
  });

  it('a correct setup: the site, its endpoints, the client and the redirect URL pass', async () => {
    const lines = await checkSetup('correct');
    for (const check of ['Site address', 'Panopto site', 'Client id', 'Client secret', 'API client', 'Redirect URL']) {
      assert.equal(line(lines, check)?.status, 'passed', `${check} passed`);
    }
  });

  it('a link to a Panopto page typed into panopto.serverUrl becomes the site origin', async () => {
    const config = () => vscode.workspace.getConfiguration('panopto');
    await config().update('serverUrl', `${devServerUrl}/Panopto/Pages/Home.aspx?folderID=1`, vscode.ConfigurationTarget.Global);
    let value = config().get<string>('serverUrl');
    for (let i = 0; i < 100 && value !== devServerUrl; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = config().get<string>('serverUrl');
    }
    assert.equal(value, devServerUrl, 'the setting holds the origin only');
  });

  const clientFaults = [
    ['redirectUriNotRegistered', 'Redirect URL', /registered/],
    ['wrongClientType', 'API client', /Server-side Web Application/],
    ['disabledClient', 'API client', /invalid_client/],
  ] as const;
  for (const [fault, check, says] of clientFaults) {
    it(`oauthClientFault=${fault}: "${check}" fails with its fix`, async () => {
      await setSwitches({ oauthClientFault: fault });
      const failed = line(await checkSetup(`oauthClientFault=${fault}`), check);
      assert.equal(failed?.status, 'failed');
      assert.match(failed.detail, says);
      assert.ok(failed.fix, 'a fix is named');
    });
  }

  const sites = [
    ['homePage', /not answer like a Panopto site/],
    ['notFound', /not answer like a Panopto site/],
    ['ssoPortal', /single sign-on portal/],
  ] as const;
  for (const [mode, says] of sites) {
    it(`notPanopto=${mode}: "Panopto site" fails and says what answered`, async () => {
      await setSwitches({ notPanopto: mode });
      const failed = line(await checkSetup(`notPanopto=${mode}`), 'Panopto site');
      assert.equal(failed?.status, 'failed');
      assert.match(failed.detail, says);
    });
  }
});
