// Check Setup: every check that needs no password, in the order a sign-in meets them, each a line
// that passed or failed with the fix. Nothing here signs in or changes anything: the client is
// tested with a token request for a code that does not exist (a client the site accepts gets
// invalid_grant; a refused one invalid_client or unauthorized_client, docs/panopto.md#client-authentication), the
// redirect URL with an authorize request that is never completed. No VS Code: src/setup/checkSetup.ts
// runs it and shows the lines; tests read them.
import { createServer } from 'node:net';
import * as l10n from '@vscode/l10n';
import type { AccountSummary } from '../auth/authSession';
import { chooseRoutes } from '../auth/signInRoutes';
import { resolveSite, type AuthSettings } from '../auth/site';
import { errorMessage } from '../util/errorMessage';
import { registerSecret } from '../util/log';
import { normaliseSiteInput } from './siteInput';
import { probeSite, type SiteProbeResult } from './siteProbe';

export interface CheckLine {
  check: string;
  status: 'passed' | 'failed' | 'skipped';
  detail: string;
  /** What fixes a failed check, as a command a button can run. */
  fix?: { title: string; command: string; args?: unknown[] };
}

export interface SetupCheckDeps {
  settings: AuthSettings;
  clientSecret(site: { serverUrl: string; clientId: string }): Promise<string | undefined>;
  /** The configured site's accounts and a renewal of each (getSessions renews what is near its end). */
  accounts(): Promise<AccountSummary[]>;
  freshSession(account: AccountSummary): Promise<boolean>;
  fetch?: typeof fetch;
}

const openSetting = (setting: string) => ({ title: l10n.t('Open Settings'), command: 'workbench.action.openSettings', args: [setting] });

export async function runSetupChecks(deps: SetupCheckDeps): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const { settings } = deps;
  const doFetch = deps.fetch ?? fetch;

  // 1. The address.
  let origin: string;
  try {
    origin = normaliseSiteInput(settings.serverUrl).origin;
    lines.push({ check: l10n.t('Site address'), status: 'passed', detail: origin });
  } catch (error) {
    lines.push({
      check: l10n.t('Site address'),
      status: 'failed',
      detail: errorMessage(error),
      fix: { title: l10n.t('Set Site'), command: 'panopto.setSite' },
    });
    return lines.concat(await localChecks(deps));
  }

  // 2. It answers like Panopto, and where its OAuth endpoints are.
  const probe: SiteProbeResult = await probeSite(origin, { fetch: doFetch });
  if (!probe.ok) {
    lines.push({
      check: l10n.t('Panopto site'),
      status: 'failed',
      detail: probe.message,
      fix: { title: l10n.t('Set Site'), command: 'panopto.setSite' },
    });
    return lines.concat(await localChecks(deps));
  }
  lines.push({
    check: l10n.t('Panopto site'),
    status: 'passed',
    detail:
      probe.via === 'discovery'
        ? l10n.t('OAuth endpoints from the discovery document: {0}', probe.tokenEndpoint)
        : l10n.t("no discovery document; Panopto's fixed OAuth paths answer: {0}", probe.tokenEndpoint),
  });

  const local = await localChecks(deps);
  lines.push(...local);
  const clientId = settings.clientId.trim();
  const secret = clientId ? await deps.clientSecret(resolveSite(settings)) : undefined;
  registerSecret(secret);
  if (clientId) {
    lines.push(await clientCheck(probe.tokenEndpoint, settings, clientId, secret, doFetch));
    lines.push(await redirectCheck(probe.authorizationEndpoint, settings, clientId, doFetch));
  }
  lines.push(...(await sessionChecks(deps)));
  return lines;
}

/** What needs no network: the client id, the stored secret, the redirect listener's port. */
async function localChecks(deps: SetupCheckDeps): Promise<CheckLine[]> {
  const { settings } = deps;
  const lines: CheckLine[] = [];
  const clientId = settings.clientId.trim();
  lines.push(
    clientId
      ? { check: l10n.t('Client id'), status: 'passed', detail: clientId }
      : {
          check: l10n.t('Client id'),
          status: 'failed',
          detail: l10n.t('"panopto.clientId" is empty.'),
          fix: openSetting('panopto.clientId'),
        },
  );
  let site;
  try {
    site = resolveSite(settings);
  } catch {
    site = undefined;
  }
  if (site) {
    const secret = await deps.clientSecret(site);
    lines.push(
      secret
        ? { check: l10n.t('Client secret'), status: 'passed', detail: l10n.t("stored in VS Code's secret storage") }
        : {
            check: l10n.t('Client secret'),
            status: 'failed',
            detail: l10n.t('No client secret is stored for {0} at {1}.', site.clientId, site.serverUrl),
            fix: { title: l10n.t('Set Client Secret'), command: 'panopto.setClientSecret' },
          },
    );
  }
  lines.push(await portCheck(settings.redirectUri));
  return lines;
}

async function portCheck(redirectUri: string): Promise<CheckLine> {
  const check = l10n.t('Redirect listener');
  let route;
  try {
    route = chooseRoutes(redirectUri, { hostKind: 'local' })[0];
  } catch (error) {
    return { check, status: 'failed', detail: errorMessage(error), fix: openSetting('panopto.redirectUri') };
  }
  if (route?.kind !== 'loopback') {
    return { check, status: 'skipped', detail: l10n.t('{0} is not a loopback address; VS Code receives it itself.', redirectUri) };
  }
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(route.port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return free
    ? { check, status: 'passed', detail: l10n.t('port {0} on 127.0.0.1 is free for {1}', route.port, redirectUri) }
    : {
        check,
        status: 'failed',
        detail: l10n.t(
          'Port {0} on 127.0.0.1 is in use by another program: close it, or register another redirect URL and set "panopto.redirectUri".',
          route.port,
        ),
        fix: openSetting('panopto.redirectUri'),
      };
}

/** A token request for a code that does not exist: only the client's id, secret and type are judged. */
async function clientCheck(
  tokenEndpoint: string,
  settings: AuthSettings,
  clientId: string,
  secret: string | undefined,
  doFetch: typeof fetch,
): Promise<CheckLine> {
  const check = l10n.t('API client');
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: 'check-setup-not-a-code',
    redirect_uri: settings.redirectUri,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (secret) {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  } else {
    body.set('client_id', clientId);
  }
  let error: string | undefined;
  let status: number;
  try {
    const response = await doFetch(tokenEndpoint, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    status = response.status;
    const json = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
    error = typeof json?.error === 'string' ? json.error : undefined;
  } catch (e) {
    return { check, status: 'failed', detail: l10n.t('The token endpoint did not answer: {0}', errorMessage(e)) };
  }
  if (error === 'invalid_grant') {
    return { check, status: 'passed', detail: l10n.t('the site accepts client {0} and its secret', clientId) };
  }
  if (error === 'invalid_client') {
    return {
      check,
      status: 'failed',
      detail: l10n.t(
        'The site does not accept client {0} with the stored secret (invalid_client): the id or secret is wrong, or the client is disabled. Check "panopto.clientId", then run "Panopto: Set Client Secret".',
        clientId,
      ),
      fix: { title: l10n.t('Set Client Secret'), command: 'panopto.setClientSecret' },
    };
  }
  if (error === 'unauthorized_client') {
    return {
      check,
      status: 'failed',
      detail: l10n.t(
        'Client {0} may not use the sign-in VS Code needs (unauthorized_client): its type must be "Server-side Web Application".',
        clientId,
      ),
      fix: openSetting('panopto.clientId'),
    };
  }
  return { check, status: 'failed', detail: l10n.t('The token endpoint answered HTTP {0}{1}.', status, error ? ` (${error})` : '') };
}

/** An authorize request that is never completed: an error page or an error redirect says the redirect URL or client is refused. */
async function redirectCheck(
  authorizationEndpoint: string,
  settings: AuthSettings,
  clientId: string,
  doFetch: typeof fetch,
): Promise<CheckLine> {
  const check = l10n.t('Redirect URL');
  const url = new URL(authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: settings.redirectUri,
    response_type: 'code',
    scope: settings.scopes.join(' '),
    state: 'check-setup',
    nonce: 'check-setup',
  }).toString();
  let response: Response;
  try {
    response = await doFetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    return { check, status: 'failed', detail: l10n.t('The authorize endpoint did not answer: {0}', errorMessage(e)) };
  }
  const location = response.headers.get('location') ?? '';
  const page = await response.text().catch(() => '');
  if (location.startsWith(settings.redirectUri)) {
    const error = new URL(location).searchParams.get('error');
    if (error) {
      return {
        check,
        status: 'failed',
        detail: l10n.t(
          'The site sends the sign-in back with error {0}: {1}',
          error,
          new URL(location).searchParams.get('error_description') ?? '',
        ),
        fix: openSetting('panopto.clientId'),
      };
    }
  }
  if (response.status >= 400) {
    const said = /invalid_client/i.test(page)
      ? l10n.t('The site does not know client {0} (invalid_client): it may be disabled or deleted.', clientId)
      : /redirect_uri/i.test(page)
        ? l10n.t(
            'Client {1} does not have {0} registered. Add it exactly (scheme, host, port, path) as the client\'s Redirect URL on your Panopto site, or set "panopto.redirectUri" to the registered one.',
            settings.redirectUri,
            clientId,
          )
        : l10n.t('The authorize endpoint answered HTTP {0}.', response.status);
    return { check, status: 'failed', detail: said, fix: { title: l10n.t('Copy Redirect URL'), command: 'panopto.copyRedirectUri' } };
  }
  return { check, status: 'passed', detail: l10n.t('the site accepts {0} for client {1}', settings.redirectUri, clientId) };
}

async function sessionChecks(deps: SetupCheckDeps): Promise<CheckLine[]> {
  const check = l10n.t('Signed-in account');
  let accounts: AccountSummary[];
  try {
    accounts = await deps.accounts();
  } catch (error) {
    return [{ check, status: 'failed', detail: errorMessage(error) }];
  }
  if (accounts.length === 0) {
    return [
      {
        check,
        status: 'skipped',
        detail: l10n.t('not signed in to this site'),
        fix: { title: l10n.t('Sign In'), command: 'panopto.signIn' },
      },
    ];
  }
  const lines: CheckLine[] = [];
  for (const account of accounts) {
    const ok = await deps.freshSession(account).catch(() => false);
    lines.push(
      ok
        ? { check, status: 'passed', detail: l10n.t('{0}: the session is valid and renews', account.account.label) }
        : {
            check,
            status: 'failed',
            detail: l10n.t('{0}: the session could not be renewed; sign in again.', account.account.label),
            fix: { title: l10n.t('Sign In'), command: 'panopto.signIn' },
          },
    );
  }
  return lines;
}
