// The sign-in area: builds AuthCore with its VS Code adapters (settings, SecretStorage, where the
// extension host runs, the prompts of src/ui/), registers the `panopto` provider and the UriHandler,
// keeps the `panopto.signedIn` context key current, and tells the exported API when sign-in changes.
// Returns its parts and their disposables; src/extension.ts connects them to the other areas.
import * as vscode from 'vscode';
import type { SecretStore } from './auth/secretStore';
import { AuthCore } from './auth/authCore';
import type { ExtensionHostKind } from './auth/signInRoutes';
import type { AuthSettings } from './auth/site';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, PanoptoAuthenticationProvider } from './authProvider';
import { readAuthSettings } from './settings';
import { askClientSecret } from './ui/clientSecretPrompt';
import { features, type Features } from './features/load';
import { deferred } from './util/deferred';
import { errorMessage } from './util/errorMessage';
import { shareAcrossWindows } from './windowSync';
import type { Log } from './util/log';

const SIGNED_IN_CONTEXT = 'panopto.signedIn';

export interface AuthModule {
  /** The core: AccessSource for the Panopto client, accounts for the Folders view and the commands. */
  readonly core: AuthCore;
  readonly provider: PanoptoAuthenticationProvider;
  /** For the exported API (src/api.ts): sign-in, sign-out or another active account. */
  readonly onDidChangeSessions: vscode.Event<void>;
  /** The panopto.* settings as the auth core reads them now. */
  readonly settings: () => AuthSettings;
  readonly disposables: vscode.Disposable[];
}

/** Where the extension host runs: a loopback listener only helps when the browser can reach it. */
function hostKind(extension: vscode.Extension<unknown>): ExtensionHostKind {
  if (typeof process === 'undefined' || !process.versions?.node) {
    return 'web';
  }
  if (vscode.env.remoteName && extension.extensionKind === vscode.ExtensionKind.Workspace) {
    return 'remote';
  }
  // A browser workbench over a Node host (e.g. `code serve-web`): the browser may be elsewhere.
  return vscode.env.uiKind === vscode.UIKind.Web ? 'remote' : 'local';
}

/** context.secrets, with keyring failures turned into log lines by the TokenStore above it. */
function secretStore(secrets: vscode.SecretStorage): SecretStore {
  // SecretStorage.keys() is newer than the engine this extension targets: used where the host has it.
  const listing = (secrets as { keys?: () => Thenable<string[]> }).keys?.bind(secrets);
  return {
    ...(listing ? { keys: async () => [...(await listing())] } : {}),
    get: async (key) => secrets.get(key),
    store: async (key, value) => secrets.store(key, value),
    delete: async (key) => secrets.delete(key),
    onDidChange: (listener) => secrets.onDidChange((e) => listener({ key: e.key })),
  };
}

/**
 * Registers the provider and its UriHandler synchronously, before any storage or network I/O, so
 * other extensions' getSession calls never race the registration. Storage is read lazily on the
 * first request; the quiet getSession below is that first request.
 */
export function createAuthModule(
  context: Pick<vscode.ExtensionContext, 'secrets' | 'extension' | 'globalStorageUri'>,
  log: Log,
): AuthModule {
  let settings = readAuthSettings();
  // Other windows' sign-ins, renewals and sign-outs reach this one (why: src/windowSync.ts).
  const shared = shareAcrossWindows(secretStore(context.secrets), context.globalStorageUri, log);
  let grantLostPrompt: ReturnType<Features['createGrantLostPrompt']> | undefined;
  const core = new AuthCore({
    secrets: shared.secrets,
    log,
    settings: () => settings,
    // What a sign-in asks of the user (src/ui/signInUi.ts) loads with the first sign-in or lost grant.
    ui: deferred(() => features().createSignInUi(log)),
    hostKind: () => hostKind(context.extension),
    askClientSecret: (site) => askClientSecret(site),
    onGrantLost: (account, serverUrl, kind) => (grantLostPrompt ??= features().createGrantLostPrompt())(account, serverUrl, kind),
    // The sign-in flow, its loopback server and the OAuth client load with their first use (src/features/load.ts).
    makeSignIn: (options) => features().createSessionSignIn(options),
    makeOAuthClient: (site, options) => features().createOAuthClient(site, options),
    makeRefresher: (options) => new (features().Refresher)(options),
  });
  const provider = new PanoptoAuthenticationProvider(core, log, () => settings);
  const apiChanges = new vscode.EventEmitter<void>();
  const disposables: vscode.Disposable[] = [
    core,
    ...(shared.disposable ? [shared.disposable] : []),
    provider,
    apiChanges,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, {
      supportsMultipleAccounts: true,
    }),
    vscode.window.registerUriHandler({ handleUri: (uri) => void core.router.handleUri({ path: uri.path, query: uri.query }) }),
  ];

  const updateSignedIn = async (): Promise<number> => {
    const accounts = await core.listAccounts().catch(() => []);
    await vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT, accounts.length > 0);
    return accounts.length;
  };
  // Ask quietly for our own session (neither createIfNone nor silent): with no session, the
  // Accounts menu then offers "Sign in with Panopto". Asked at start-up and again after the last
  // sign-out, since VS Code drops the request once it has been answered.
  const askQuietly = () =>
    Promise.resolve(vscode.authentication.getSession(AUTH_PROVIDER_ID, [...settings.scopes], {})).then(
      () => updateSignedIn(),
      (error: unknown) => {
        log.warn(`Reading the Panopto session failed: ${errorMessage(error)}`);
        return updateSignedIn();
      },
    );
  disposables.push(
    core.onDidChangeSessions((e) => {
      apiChanges.fire();
      void updateSignedIn().then((count) => (count === 0 && e.removed.length > 0 ? askQuietly() : undefined));
    }),
    // Another account became the active one: the API's calls now act as it.
    core.onDidChangeActiveAccount(() => apiChanges.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('panopto')) {
        const before = settings;
        settings = readAuthSettings();
        core.settingsChanged(before);
        void updateSignedIn();
      }
    }),
  );
  void askQuietly();

  return { core, provider, onDidChangeSessions: apiChanges.event, settings: () => settings, disposables };
}
