// Which Panopto site a sign-in is for, read from the settings and checked before anything is sent.
// A session keeps the site it was made for (serverUrl + clientId), so a later change of settings
// never sends one site's token or client secret to another.
import * as l10n from '@vscode/l10n';
import { ConfigurationError } from './errors';

/** The settings the auth core reads (the adapter maps `panopto.*` onto this). */
export interface AuthSettings {
  serverUrl: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  usePkce: boolean;
  /** Where the OpenID issuer lives on the site; Panopto's is `/Panopto/oauth2`. */
  issuerPath?: string;
}

export const DEFAULT_SCOPES: readonly string[] = ['openid', 'api', 'offline_access'];
export const PANOPTO_ISSUER_PATH = '/Panopto/oauth2';

export interface Site {
  /** Origin of the site, no trailing slash, e.g. `https://deakin.au.panopto.com`. */
  serverUrl: string;
  clientId: string;
  /** OpenID issuer URL, e.g. `https://deakin.au.panopto.com/Panopto/oauth2`. */
  issuer: string;
  /** True for `http://` loopback sites (the dev server): the only case plain HTTP is allowed. */
  insecureLoopback: boolean;
}

export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The last value parseServerUrl accepted, and its origin. */
let lastAccepted: { raw: string; origin: string } | undefined;

/**
 * The site's origin from what a user typed: a bare host, an origin, or any page of the site
 * (`https://x.panopto.com/Panopto/Pages/Home.aspx`). `http` only for loopback hosts. The setting
 * is read again for every request (the auth core resolves the site in each getAccess), and parsing
 * a URL costs more than the rest of that call, so the last accepted value is remembered.
 */
export function parseServerUrl(raw: string): string {
  if (raw !== lastAccepted?.raw) {
    lastAccepted = { raw, origin: checkedOrigin(raw) };
  }
  return lastAccepted.origin;
}

function checkedOrigin(raw: string): string {
  const text = raw.trim();
  if (!text) {
    throw new ConfigurationError(
      l10n.t('Set "panopto.serverUrl" to your Panopto site, for example https://yourschool.hosted.panopto.com.'),
      'panopto.serverUrl',
    );
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ConfigurationError(l10n.t('"panopto.serverUrl" is not a valid URL: {0}', text), 'panopto.serverUrl');
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    throw new ConfigurationError(
      l10n.t('"panopto.serverUrl" must use https:// (plain http:// is accepted only for localhost): {0}', text),
      'panopto.serverUrl',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(l10n.t('"panopto.serverUrl" must be an https:// address: {0}', text), 'panopto.serverUrl');
  }
  if (url.username || url.password) {
    throw new ConfigurationError(l10n.t('"panopto.serverUrl" must not contain a user name or password.'), 'panopto.serverUrl');
  }
  return url.origin;
}

export function resolveSite(settings: AuthSettings): Site {
  const serverUrl = parseServerUrl(settings.serverUrl);
  const clientId = settings.clientId.trim();
  if (!clientId) {
    throw new ConfigurationError(l10n.t('Set "panopto.clientId" to the id of your Panopto API client.'), 'panopto.clientId');
  }
  const issuerPath = `/${(settings.issuerPath ?? PANOPTO_ISSUER_PATH).replace(/^\/+|\/+$/g, '')}`;
  return {
    serverUrl,
    clientId,
    issuer: `${serverUrl}${issuerPath}`,
    insecureLoopback: serverUrl.startsWith('http:'),
  };
}

/** The current site, or undefined when the settings do not name a usable one (no throw). */
export function tryResolveSite(settings: AuthSettings): Site | undefined {
  try {
    return resolveSite(settings);
  } catch {
    return undefined;
  }
}

export function sameSite(a: { serverUrl: string; clientId: string }, b: { serverUrl: string; clientId: string }): boolean {
  return a.serverUrl === b.serverUrl && a.clientId === b.clientId;
}

/** The settings that decide where a sign-in goes and where its code is sent. */
export const SIGN_IN_TARGET_SETTINGS = ['serverUrl', 'clientId', 'redirectUri'] as const;
export type SignInTargetSetting = (typeof SIGN_IN_TARGET_SETTINGS)[number];

/**
 * A workspace (a folder someone else may have written) can set where a sign-in goes. Before a
 * sign-in uses such values the user is told, naming them; each set of values is told once, and
 * only a set the user accepted counts as told.
 */
export class WorkspaceSettingsNotice {
  private readonly accepted = new Set<string>();

  /**
   * `fromWorkspace`: the values that come from workspace (or folder) settings. Resolves true when
   * the sign-in may go on: nothing came from the workspace, this set was accepted before, or
   * `ask` (shown the `panopto.key = value` lines) accepted it now.
   */
  async confirm(fromWorkspace: Partial<Record<SignInTargetSetting, string>>, ask: (lines: string[]) => Promise<boolean>): Promise<boolean> {
    const lines = SIGN_IN_TARGET_SETTINGS.filter((key) => fromWorkspace[key] !== undefined).map(
      (key) => `panopto.${key} = ${String(fromWorkspace[key])}`,
    );
    if (lines.length === 0) {
      return true;
    }
    const valueSet = lines.join('\n');
    if (this.accepted.has(valueSet)) {
      return true;
    }
    if (!(await ask(lines))) {
      return false;
    }
    this.accepted.add(valueSet);
    return true;
  }
}
