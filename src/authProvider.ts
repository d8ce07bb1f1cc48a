// The `panopto` authentication provider: a thin vscode.AuthenticationProvider over AuthCore
// (src/auth/authCore.ts, which holds all the logic and runs without VS Code in tests).
// This file adds only what needs VS Code: settings, SecretStorage, the browser, the UriHandler,
// the progress notification, messages, and the `panopto.signedIn` context key.
import * as vscode from 'vscode';
import type { GetSessionOptions, PanoptoApi } from './api';
import { ConfigurationError, SignInCancelledError } from './auth/errors';
import type { ExtensionHostKind } from './auth/signInRoutes';
import type { SecretStore } from './auth/secretStore';
import { AuthCore, type AccountInfo } from './auth/authCore';
import type { SignInUi } from './auth/signInFlow';
import { DEFAULT_SCOPES, type AuthSettings, type Site } from './auth/site';
import { registerCredentialCommands } from './commands/credentials';
import { registerSignInCommands } from './commands/signIn';
import { registerSecret, type Log } from './util/log';

export const AUTH_PROVIDER_ID = 'panopto';
export const AUTH_PROVIDER_LABEL = 'Panopto';
const SIGNED_IN_CONTEXT = 'panopto.signedIn';

export function readAuthSettings(): AuthSettings {
  const config = vscode.workspace.getConfiguration('panopto');
  const scopes = config.get<string[]>('scopes');
  return {
    serverUrl: config.get<string>('serverUrl', ''),
    clientId: config.get<string>('clientId', ''),
    redirectUri: config.get<string>('redirectUri', 'http://localhost:9127/redirect'),
    scopes: Array.isArray(scopes) && scopes.length > 0 ? scopes : DEFAULT_SCOPES,
    usePkce: config.get<boolean>('usePkce', false),
  };
}

/** Where the extension host runs: a loopback listener only helps when the browser can reach it. */
function hostKind(context: vscode.ExtensionContext): ExtensionHostKind {
  if (typeof process === 'undefined' || !process.versions?.node) {
    return 'web';
  }
  if (vscode.env.remoteName && context.extension.extensionKind === vscode.ExtensionKind.Workspace) {
    return 'remote';
  }
  // A browser workbench over a Node host (e.g. `code serve-web`): the browser may be elsewhere.
  return vscode.env.uiKind === vscode.UIKind.Web ? 'remote' : 'local';
}

/** context.secrets, with keyring failures turned into log lines by the TokenStore above it. */
function secretStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: async (key) => secrets.get(key),
    store: async (key, value) => secrets.store(key, value),
    delete: async (key) => secrets.delete(key),
    onDidChange: (listener) => secrets.onDidChange((e) => listener({ key: e.key })),
  };
}

function signInUi(log: Log): SignInUi {
  return {
    async openUrl(url) {
      let opened = false;
      try {
        // Passed as the string it is: the extension host forwards a string verbatim, whereas
        // Uri.parse(url).toString() re-encodes the query and cut the authorize URL's encoded
        // redirect_uri at its first '&' (seen with code-server's /callback redirect).
        opened = await vscode.env.openExternal(url as unknown as vscode.Uri);
      } catch (error) {
        log.warn(`openExternal failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!opened) {
        const copy = vscode.l10n.t('Copy URL');
        // Not awaited: the sign-in keeps waiting for the redirect while the message is up.
        void vscode.window
          .showWarningMessage(vscode.l10n.t('Could not open a browser for the Panopto sign-in. Copy the sign-in address and open it in your browser.'), copy)
          .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(url) : undefined));
      }
      return opened;
    },
    async externalUri(uri) {
      // Only our own callback URI goes through asExternalUri (never a loopback http address,
      // which code-server would rewrite into its port proxy).
      return (await vscode.env.asExternalUri(vscode.Uri.parse(uri))).toString(true);
    },
    async askForRedirectUrl(authorizeUrl, signal, reason) {
      const cancel = new vscode.CancellationTokenSource();
      signal.addEventListener('abort', () => cancel.cancel(), { once: true });
      try {
        return await vscode.window.showInputBox(
          {
            title: vscode.l10n.t('Finish signing in to Panopto'),
            prompt: [reason, vscode.l10n.t('Sign in in the browser, then paste here the whole address the browser ended on.')].filter(Boolean).join(' '),
            placeHolder: authorizeUrl.startsWith('https:') ? 'https://…' : 'http://localhost:9127/redirect?code=…',
            ignoreFocusOut: true,
            validateInput: (text) => (/^[a-z][a-z0-9+.-]*:\/\/\S+\?\S*state=/i.test(text.trim()) ? undefined : vscode.l10n.t('Paste the whole address, including ?code=…&state=…')),
          },
          cancel.token,
        );
      } finally {
        cancel.dispose();
      }
    },
  };
}

async function askClientSecret(site: Site): Promise<string | undefined> {
  const secret = await vscode.window.showInputBox({
    title: vscode.l10n.t('Panopto client secret'),
    prompt: vscode.l10n.t('The secret of API client {0} at {1}. It is kept in VS Code\'s secret storage, never in settings.', site.clientId, site.serverUrl),
    password: true,
    ignoreFocusOut: true,
  });
  registerSecret(secret);
  return secret?.trim() || undefined;
}

/** Shows a sign-in failure; nothing for a cancellation. Returns the error to re-throw. */
export async function reportSignInError(error: unknown, log: Log): Promise<Error> {
  if (error instanceof SignInCancelledError || error instanceof vscode.CancellationError) {
    log.info('Sign-in cancelled');
    return new vscode.CancellationError();
  }
  const message = error instanceof Error ? error.message : String(error);
  log.error(`Sign-in failed: ${message}`);
  if (error instanceof ConfigurationError && error.setting) {
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showErrorMessage(message, open).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
      }
    });
  } else {
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(message, showLog).then((choice) => {
      if (choice === showLog) {
        void vscode.commands.executeCommand('panopto.showLog');
      }
    });
  }
  return error instanceof Error ? error : new Error(message);
}

export class PanoptoAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly core: AuthCore, private readonly log: Log) {
    this.subscription = core.onDidChangeSessions((e) => {
      if (e.added.length || e.removed.length || e.changed.length) {
        this.changes.fire(e);
      }
    });
  }

  getSessions(scopes: readonly string[] | undefined, options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    return this.core.getSessions(scopes, { account: options?.account });
  }

  /** The interactive sign-in, under a cancellable notification (5-minute limit in the core). */
  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, cancellable: true, title: vscode.l10n.t('Signing in to Panopto… Finish in your browser.') },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return this.core.createSession(scopes, { signal: abort.signal });
        },
      );
    } catch (error) {
      throw await reportSignInError(error, this.log);
    }
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.core.removeSession(sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }
}

export interface AuthRegistration {
  /** The core: AccessSource for the Panopto client, accounts for the Folders view. */
  readonly core: AuthCore;
  readonly provider: PanoptoAuthenticationProvider;
  /** For the exported API (src/api.ts). */
  readonly getSession: PanoptoApi['getSession'];
  readonly onDidChangeSessions: vscode.Event<void>;
  /** The panopto.* settings as the auth core reads them now. */
  settings(): AuthSettings;
}

/**
 * Registers the provider, its UriHandler and the sign-in commands (panopto.signIn, signOut,
 * setClientSecret) synchronously, before any storage or network I/O,
 * so other extensions' getSession calls never race the registration. Storage is read lazily on
 * the first request; the quiet getSession below is that first request.
 */
export function registerAuthentication(context: vscode.ExtensionContext, log: Log): AuthRegistration {
  let settings = readAuthSettings();
  let grantLostPromptOpen = false;
  const core = new AuthCore({
    secrets: secretStore(context.secrets),
    log,
    settings: () => settings,
    ui: signInUi(log),
    hostKind: () => hostKind(context),
    askClientSecret,
    onGrantLost: (account: AccountInfo, _serverUrl, kind) => {
      // One prompt, never a loop: a declined prompt is not repeated for this loss.
      if (grantLostPromptOpen) {
        return;
      }
      grantLostPromptOpen = true;
      const signIn = vscode.l10n.t('Sign In');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Your Panopto sign-in as {0} has expired or was revoked.', account.label), signIn)
        .then((choice) => {
          grantLostPromptOpen = false;
          if (choice === signIn) {
            // An application-key session is signed in again the way it was made.
            void vscode.commands.executeCommand(kind === 'applicationKey' ? 'panopto.signInWithApplicationKey' : 'panopto.signIn');
          }
        });
    },
  });
  const provider = new PanoptoAuthenticationProvider(core, log);
  const apiChanges = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    core,
    provider,
    apiChanges,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler({ handleUri: (uri) => void core.router.handleUri({ path: uri.path, query: uri.query }) }),
  );

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
        log.warn(`Reading the Panopto session failed: ${error instanceof Error ? error.message : String(error)}`);
        return updateSignedIn();
      },
    );
  const sub = core.onDidChangeSessions((e) => {
    apiChanges.fire();
    void updateSignedIn().then((count) => (count === 0 && e.removed.length > 0 ? askQuietly() : undefined));
  });
  context.subscriptions.push({ dispose: () => sub.dispose() });
  // Another account became the active one: the API's getSession now answers with it.
  context.subscriptions.push(core.onDidChangeActiveAccount(() => apiChanges.fire()));
  context.subscriptions.push(
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

  // The exported API's getSession. This extension is the provider, so it reads its own sessions
  // directly: VS Code's per-extension access list only records sign-ins started from the Accounts
  // menu or a getSession call, not one started with panopto.signIn. Only an interactive request with
  // no session goes through VS Code, which shows its usual consent and sign-in UI.
  const getSession = async (options?: GetSessionOptions): Promise<vscode.AuthenticationSession | undefined> => {
    const scopes = [...settings.scopes];
    const own = await core.getSessions(scopes, options?.account ? { account: options.account } : undefined);
    if (own.length > 0) {
      const active = (await core.listAccounts()).find((a) => a.active);
      return own.find((s) => s.id === active?.sessionId) ?? own[0];
    }
    if (options?.createIfNone) {
      return vscode.authentication.getSession(AUTH_PROVIDER_ID, scopes, { createIfNone: true, account: options.account });
    }
    // Without createIfNone the call stays silent, so that a library call never adds an Accounts badge.
    return undefined;
  };

  const registration: AuthRegistration = { core, provider, getSession, onDidChangeSessions: apiChanges.event, settings: () => settings };
  registerSignInCommands(context, registration, log);
  registerCredentialCommands(context, registration, log);
  return registration;
}
