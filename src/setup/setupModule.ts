// The setup area: Check Setup, Set Site…, the walkthrough's copy commands, the check of a newly
// entered site, and the walkthrough on first install. src/extension.ts registers its commands.
import type * as vscode from 'vscode';
import type { AuthModule } from '../authModule';
import type { CommandHandler } from '../commands/register';
import { features } from '../features/load';
import { showSignInHelp } from '../ui/signInUi';
import type { Log } from '../util/log';
import { setSite, watchSiteSetting } from './siteSetting';
import { copyClientType, copyCorsOrigin, copyRedirectUri, openWalkthrough, openWalkthroughOnFirstInstall } from './walkthrough';

export interface SetupModule {
  readonly commands: Readonly<Record<string, CommandHandler>>;
  readonly disposables: vscode.Disposable[];
}

export function createSetupModule(auth: Pick<AuthModule, 'core' | 'settings'>, log: Log, globalState: vscode.Memento): SetupModule {
  openWalkthroughOnFirstInstall(globalState);
  return {
    commands: {
      'panopto.checkSetup': () => features().checkSetup({ core: auth.core, settings: auth.settings, log }),
      'panopto.setSite': () => setSite(log),
      'panopto.copyRedirectUri': copyRedirectUri,
      'panopto.copyCorsOrigin': copyCorsOrigin,
      'panopto.copyClientType': copyClientType,
      'panopto.getStarted': openWalkthrough,
      'panopto.signInHelp': () => showSignInHelp(auth.settings()),
    },
    disposables: [watchSiteSetting(log)],
  };
}
