// The site is checked when it is entered: by "Panopto: Set Site…" (the walkthrough's first step)
// before anything is saved, and after panopto.serverUrl is changed in the settings editor, where a
// pasted page link is turned into the site's origin (with a note) and a site that does not answer
// like Panopto is reported with what was found instead.
import * as vscode from 'vscode';
import { ConfigurationError } from '../auth/errors';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import { normaliseSiteInput } from './siteInput';
import { probeSite } from './siteProbe';

const config = () => vscode.workspace.getConfiguration('panopto');

/** panopto.setSite: asks for the address, checks it, then saves the origin (user settings). True when saved. */
export async function setSite(log: Log): Promise<boolean> {
  let value = config().get<string>('serverUrl', '');
  for (;;) {
    const entered = await vscode.window.showInputBox({
      title: vscode.l10n.t('Your Panopto site'),
      prompt: vscode.l10n.t(
        'The address you use for Panopto in the browser, e.g. https://yourschool.hosted.panopto.com (a link to any Panopto page will do).',
      ),
      value,
      ignoreFocusOut: true,
      validateInput: (text) => {
        try {
          normaliseSiteInput(text);
          return undefined;
        } catch (error) {
          return errorMessage(error);
        }
      },
    });
    if (entered === undefined) {
      return false;
    }
    const { origin, note } = normaliseSiteInput(entered);
    const probe = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}…', origin) },
      () => probeSite(origin),
    );
    if (!probe.ok) {
      log.warn(`Site check of ${origin}: ${probe.problem}`);
      const retry = vscode.l10n.t('Enter Another Address');
      const keep = vscode.l10n.t('Save Anyway');
      const choice = await vscode.window.showWarningMessage(probe.message, { modal: true }, retry, keep);
      if (choice === retry) {
        value = entered;
        continue;
      }
      if (choice !== keep) {
        return false;
      }
    }
    await config().update('serverUrl', origin, vscode.ConfigurationTarget.Global);
    log.info(`Saved panopto.serverUrl = ${origin}${probe.ok ? ` (answers like Panopto, ${probe.via})` : ''}`);
    void vscode.window.showInformationMessage([note, vscode.l10n.t('Panopto site set to {0}.', origin)].filter(Boolean).join(' '));
    return true;
  }
}

/**
 * After panopto.serverUrl changes elsewhere (settings editor, .env import): normalise and check it,
 * and say what is wrong. Returns the check to call on each change; src/setup/setupModule.ts listens
 * for the change at activation and makes the check (and loads this code) on the first one.
 */
export function createSiteSettingCheck(log: Log): () => Promise<void> {
  let checking = 0;
  return async () => {
    const raw = config().get<string>('serverUrl', '').trim();
    if (!raw) {
      return;
    }
    const run = ++checking;
    let origin: string;
    try {
      const input = normaliseSiteInput(raw);
      origin = input.origin;
      if (input.note && origin !== raw) {
        const inspected = config().inspect<string>('serverUrl');
        const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await config().update('serverUrl', origin, target);
        void vscode.window.showInformationMessage(input.note);
        return; // the update fires this again, with the origin
      }
    } catch (error) {
      const fix = vscode.l10n.t('Set Site');
      const message = error instanceof ConfigurationError ? error.message : errorMessage(error);
      void vscode.window
        .showWarningMessage(message, fix)
        .then((c) => (c === fix ? vscode.commands.executeCommand('panopto.setSite') : undefined));
      return;
    }
    const probe = await probeSite(origin);
    if (run !== checking || probe.ok) {
      return;
    }
    log.warn(`Site check of ${origin}: ${probe.problem}`);
    const fix = vscode.l10n.t('Set Site');
    void vscode.window
      .showWarningMessage(probe.message, fix)
      .then((c) => (c === fix ? vscode.commands.executeCommand('panopto.setSite') : undefined));
  };
}
