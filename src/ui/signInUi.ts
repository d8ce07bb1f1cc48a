// What the auth core asks of the user during a sign-in (SignInUi in src/auth/signInFlow.ts), and the
// prompt shown when a session's grant is lost. The core stays free of 'vscode'; these are its eyes.
import * as vscode from 'vscode';
import { signInTroubleCauses } from '../auth/signInErrors';
import type { SignInUi } from '../auth/signInFlow';
import { SIGN_IN_TARGET_SETTINGS, WorkspaceSettingsNotice, type SignInTargetSetting } from '../auth/site';
import type { StoredSession } from '../auth/tokenStore';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';

/** The sign-in target settings whose value comes from the workspace (or a folder of it), by inspect(). */
function workspaceSignInSettings(): Partial<Record<SignInTargetSetting, string>> {
  const config = vscode.workspace.getConfiguration('panopto');
  const found: Partial<Record<SignInTargetSetting, string>> = {};
  for (const key of SIGN_IN_TARGET_SETTINGS) {
    const inspected = config.inspect<string>(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    if (value !== undefined) {
      found[key] = String(value);
    }
  }
  return found;
}

export function createSignInUi(log: Log): SignInUi {
  const workspaceNotice = new WorkspaceSettingsNotice();
  return {
    async beforeSignIn() {
      return workspaceNotice.confirm(workspaceSignInSettings(), async (lines) => {
        const signIn = vscode.l10n.t('Sign In');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('This workspace sets where the Panopto sign-in goes'),
          {
            modal: true,
            detail: `${lines.join('\n')}\n\n${vscode.l10n.t('Sign in only if you trust this workspace with these values.')}`,
          },
          signIn,
        );
        log.info(`Sign-in settings from the workspace (${lines.join('; ')}) were ${choice === signIn ? 'accepted' : 'declined'}`);
        return choice === signIn;
      });
    },
    async openUrl(url) {
      let opened = false;
      try {
        // Passed as the string it is: the extension host forwards a string verbatim, whereas
        // Uri.parse(url).toString() re-encodes the query and cut the authorize URL's encoded
        // redirect_uri at its first '&' (seen with code-server's /callback redirect).
        opened = await vscode.env.openExternal(url as unknown as vscode.Uri);
      } catch (error) {
        log.warn(`openExternal failed: ${errorMessage(error)}`);
      }
      if (!opened) {
        const copy = vscode.l10n.t('Copy URL');
        // Not awaited: the sign-in keeps waiting for the redirect while the message is up.
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t('Could not open a browser for the Panopto sign-in. Copy the sign-in address and open it in your browser.'),
            copy,
          )
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
            prompt: [reason, vscode.l10n.t('Sign in in the browser, then paste here the whole address the browser ended on.')]
              .filter(Boolean)
              .join(' '),
            placeHolder: authorizeUrl.startsWith('https:') ? 'https://…' : 'http://localhost:9127/redirect?code=…',
            ignoreFocusOut: true,
            validateInput: (text) =>
              /^[a-z][a-z0-9+.-]*:\/\/\S+\?\S*state=/i.test(text.trim())
                ? undefined
                : vscode.l10n.t('Paste the whole address, including ?code=…&state=…'),
          },
          cancel.token,
        );
      } finally {
        cancel.dispose();
      }
    },
  };
}

/**
 * The core's onGrantLost: "your sign-in as X has expired or was revoked" with Sign In, which signs
 * in again the way the session was made. One prompt at a time, never a loop: a declined prompt is
 * not repeated for this loss.
 */
export function createGrantLostPrompt(): (account: { label: string }, serverUrl: string, kind: StoredSession['kind']) => void {
  let promptOpen = false;
  return (account, _serverUrl, kind) => {
    if (promptOpen) {
      return;
    }
    promptOpen = true;
    const signIn = vscode.l10n.t('Sign In');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Your Panopto sign-in as {0} has expired or was revoked.', account.label), signIn)
      .then((choice) => {
        promptOpen = false;
        if (choice === signIn) {
          void vscode.commands.executeCommand(kind === 'applicationKey' ? 'panopto.signInWithApplicationKey' : 'panopto.signIn');
        }
      });
  };
}

/**
 * "Having trouble?" while a sign-in waits: the causes that leave the browser on Panopto's own error
 * page (so nothing ever comes back to VS Code), each with its fix; picking one runs that fix. The
 * sign-in keeps waiting (and its paste box, where shown, stays open) whatever is picked here.
 */
export function offerSignInHelp(settings: () => { serverUrl: string; redirectUri: string }): void {
  const help = vscode.l10n.t('Having trouble?');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        'Finish signing in to Panopto in your browser. If the browser stays on an error page from Panopto, see "Having trouble?".',
      ),
      help,
    )
    .then((choice) => (choice === help ? showSignInHelp(settings()) : undefined));
}

export async function showSignInHelp(settings: { serverUrl: string; redirectUri: string }): Promise<void> {
  const causes = signInTroubleCauses(settings);
  const pick = await vscode.window.showQuickPick(
    causes.map((cause) => ({ label: cause.title, detail: cause.detail, cause })),
    {
      title: vscode.l10n.t('Panopto shows an error page instead of returning to VS Code'),
      placeHolder: vscode.l10n.t('Pick the cause to apply its fix'),
      matchOnDetail: true,
      ignoreFocusOut: true,
    },
  );
  const fix = pick?.cause.fix;
  if (fix) {
    await vscode.commands.executeCommand(fix.command, ...(fix.args ?? []));
  }
}
