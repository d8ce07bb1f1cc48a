// The setup area: Check Setup, Set Site…, the walkthrough's copy commands, the check of a newly
// entered site, and the walkthrough on first install. src/extension.ts registers its commands.
import * as vscode from 'vscode';
import type { AuthModule } from '../authModule';
import type { CommandHandler } from '../commands/register';
import { features } from '../features/load';
import type { Log } from '../util/log';
import { copyClientType, copyCorsOrigin, copyRedirectUri, openWalkthrough, openWalkthroughOnFirstInstall } from './walkthrough';

export interface SetupModule {
  readonly commands: Readonly<Record<string, CommandHandler>>;
  readonly disposables: vscode.Disposable[];
}

/** A changed panopto.serverUrl is checked (src/setup/siteSetting.ts); that code loads with the first change. */
function watchSiteSetting(log: Log): vscode.Disposable {
  let check: (() => Promise<void>) | undefined;
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('panopto.serverUrl')) {
      void (check ??= features().createSiteSettingCheck(log))();
    }
  });
}

export function createSetupModule(auth: Pick<AuthModule, 'core' | 'settings'>, log: Log, globalState: vscode.Memento): SetupModule {
  openWalkthroughOnFirstInstall(globalState);
  return {
    commands: {
      'panopto.checkSetup': () => features().checkSetup({ core: auth.core, settings: auth.settings, log }),
      'panopto.setSite': () => features().setSite(log),
      'panopto.copyRedirectUri': copyRedirectUri,
      'panopto.copyCorsOrigin': copyCorsOrigin,
      'panopto.copyClientType': copyClientType,
      'panopto.getStarted': openWalkthrough,
      'panopto.signInHelp': () => features().showSignInHelp(auth.settings()),
    },
    disposables: [watchSiteSetting(log)],
  };
}
