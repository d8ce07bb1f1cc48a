// panopto.importEnvFile without VS Code: the `.env` text is parsed (util/envFile.ts), every value
// is checked before anything is written (a bad file changes nothing), then the client secret goes
// to SecretStorage (keyed by the site and client it belongs to) and the rest to user settings.
// The report names what was set; it never contains the secret.
import * as l10n from '@vscode/l10n';
import { parsePanoptoEnv, type EnvKey } from '../util/envFile';
import { errorMessage } from '../util/errorMessage';
import { registerSecret } from '../util/log';
import type { SiteIdentity } from './clientSecrets';
import { ConfigurationError } from './errors';
import { loopbackRouteFor } from './signInRoutes';
import { parseServerUrl } from './site';

export type ImportedSetting = 'serverUrl' | 'clientId' | 'redirectUri';

export interface EnvImportTargets {
  /** The current value of a panopto.* setting (to pair a secret with the site it is for). */
  currentSetting(key: ImportedSetting): string;
  /** Writes a panopto.* user setting. */
  updateSetting(key: ImportedSetting, value: string): Promise<void>;
  /** The client-secret store (clientSecrets.ts). */
  storeClientSecret(site: SiteIdentity, secret: string): Promise<void>;
}

export interface EnvImportReport {
  /** The settings written, with the values written (none of them secret). */
  settings: { key: ImportedSetting; value: string }[];
  /** Set when the client secret was stored; names the site and client it is for. */
  clientSecretFor?: SiteIdentity;
}

/** A value in the file is unusable; the message names the variable and its line. */
export class EnvImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvImportError';
  }
}

/** The 1-based line that assigns `key` (the last one, as dotenv keeps the last), or undefined. */
function lineOf(text: string, key: EnvKey): number | undefined {
  const pattern = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*[=:]`);
  let found: number | undefined;
  // Lines as util/envFile.ts counts them: a lone CR ends one too.
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (pattern.test(line)) {
      found = index + 1;
    }
  });
  return found;
}

function invalid(text: string, key: EnvKey, error: unknown): EnvImportError {
  const reason = errorMessage(error);
  const line = lineOf(text, key);
  return new EnvImportError(
    line === undefined ? l10n.t('{0} is not usable: {1}', key, reason) : l10n.t('{0} on line {1} is not usable: {2}', key, line, reason),
  );
}

/** Checks everything, then writes; throws EnvFileError / EnvImportError before writing anything. */
export async function importPanoptoEnv(text: string, targets: EnvImportTargets): Promise<EnvImportReport> {
  const env = parsePanoptoEnv(text);
  registerSecret(env.PANOPTO_CLIENT_SECRET);
  if (Object.keys(env).length === 0) {
    throw new EnvImportError(
      l10n.t('The file sets none of PANOPTO_SERVER_URL, PANOPTO_CLIENT_ID, PANOPTO_CLIENT_SECRET, PANOPTO_REDIRECT_URI.'),
    );
  }

  const settings: { key: ImportedSetting; value: string }[] = [];
  if (env.PANOPTO_SERVER_URL !== undefined) {
    try {
      settings.push({ key: 'serverUrl', value: parseServerUrl(env.PANOPTO_SERVER_URL) });
    } catch (error) {
      throw invalid(text, 'PANOPTO_SERVER_URL', error);
    }
  }
  if (env.PANOPTO_CLIENT_ID !== undefined) {
    settings.push({ key: 'clientId', value: env.PANOPTO_CLIENT_ID });
  }
  if (env.PANOPTO_REDIRECT_URI !== undefined) {
    try {
      // Throws for a value that is not a URL, or a loopback URL without a port.
      loopbackRouteFor(env.PANOPTO_REDIRECT_URI);
      settings.push({ key: 'redirectUri', value: env.PANOPTO_REDIRECT_URI });
    } catch (error) {
      throw invalid(text, 'PANOPTO_REDIRECT_URI', error);
    }
  }

  // The secret belongs to one client of one site: the file's, or else the configured one.
  let clientSecretFor: SiteIdentity | undefined;
  if (env.PANOPTO_CLIENT_SECRET !== undefined) {
    const chosen = (key: ImportedSetting) => settings.find((s) => s.key === key)?.value ?? targets.currentSetting(key).trim();
    let serverUrl: string;
    try {
      serverUrl = parseServerUrl(chosen('serverUrl'));
    } catch (error) {
      if (!(error instanceof ConfigurationError)) {
        throw error;
      }
      throw new EnvImportError(
        l10n.t('PANOPTO_CLIENT_SECRET needs the site it is for: add PANOPTO_SERVER_URL to the file or set "panopto.serverUrl".'),
      );
    }
    const clientId = chosen('clientId');
    if (!clientId) {
      throw new EnvImportError(
        l10n.t('PANOPTO_CLIENT_SECRET needs the client it is for: add PANOPTO_CLIENT_ID to the file or set "panopto.clientId".'),
      );
    }
    clientSecretFor = { serverUrl, clientId };
  }

  for (const { key, value } of settings) {
    await targets.updateSetting(key, value);
  }
  if (clientSecretFor && env.PANOPTO_CLIENT_SECRET !== undefined) {
    await targets.storeClientSecret(clientSecretFor, env.PANOPTO_CLIENT_SECRET);
  }
  return { settings, ...(clientSecretFor ? { clientSecretFor } : {}) };
}

/**
 * importPanoptoEnv, but nothing is written until `confirm` (shown what would be written; never the
 * secret) agrees: the file may come from a workspace someone else wrote, and the values decide
 * where the user signs in. Resolves undefined when declined; errors in the file are raised first.
 */
export async function importPanoptoEnvConfirmed(
  text: string,
  targets: EnvImportTargets,
  confirm: (report: EnvImportReport) => Promise<boolean>,
): Promise<EnvImportReport | undefined> {
  const planned: (() => Promise<void>)[] = [];
  const report = await importPanoptoEnv(text, {
    currentSetting: (key) => targets.currentSetting(key),
    updateSetting: (key, value) => {
      planned.push(() => targets.updateSetting(key, value));
      return Promise.resolve();
    },
    storeClientSecret: (site, secret) => {
      planned.push(() => targets.storeClientSecret(site, secret));
      return Promise.resolve();
    },
  });
  if (!(await confirm(report))) {
    return undefined;
  }
  for (const write of planned) {
    await write();
  }
  return report;
}
