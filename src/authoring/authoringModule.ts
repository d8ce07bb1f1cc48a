// The authoring area ("Panopto where you write"): Insert Panopto Video, the drop from the Folders
// tree into editors, hovers on recording links, and the link check with its quick fix. Returns its
// commands (src/extension.ts registers them with the others) and its disposables.
import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/register';
import { features } from '../features/load';
import type { Log } from '../util/log';
import { registerDropProvider } from './dropProvider';
import { COPY_LINK_COMMAND, createHoverProvider, detailsCacheFor } from './hoverProvider';
import { LinkChecker } from './linkCheck';
import { REPLACE_LINK_COMMAND, registerLinkFix, replaceLink } from './linkFix';
import type { RecordingSource, SiteSource } from './recordings';

export interface AuthoringDeps {
  sessions: RecordingSource;
  site: SiteSource;
  /** Fires when accounts change: cached details belong to the account that asked. */
  onDidChangeSessions: vscode.Event<unknown>;
  log: Log;
}

export interface AuthoringModule {
  readonly commands: Record<string, CommandHandler>;
  readonly disposables: vscode.Disposable[];
}

export function createAuthoringModule(deps: AuthoringDeps): AuthoringModule {
  const cache = detailsCacheFor(deps.sessions);
  const checker = new LinkChecker(deps.sessions, deps.site, deps.log);
  const disposables: vscode.Disposable[] = [
    checker,
    registerDropProvider(),
    registerLinkFix(),
    vscode.languages.registerHoverProvider('*', createHoverProvider(deps.site, cache)),
    deps.onDidChangeSessions(() => cache.clear()),
  ];
  const commands: Record<string, CommandHandler> = {
    'panopto.insertVideo': (args?: unknown) => features().insertVideo(deps.sessions, deps.site, args),
    'panopto.checkLinks': () => checker.run(),
    [REPLACE_LINK_COMMAND]: (uri: vscode.Uri, range: vscode.Range, sessionId?: string) => replaceLink(deps.sessions, uri, range, sessionId),
    [COPY_LINK_COMMAND]: async (link: string) => {
      await vscode.env.clipboard.writeText(link);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Panopto link copied'), 3000);
    },
  };
  return { commands, disposables };
}
