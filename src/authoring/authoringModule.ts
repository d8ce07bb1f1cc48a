// The authoring area ("Panopto where you write"): Insert Panopto Video, the drop from the Folders
// tree into editors, hovers on recording links, and the link check with its quick fix. Returns its
// commands (src/extension.ts registers them with the others) and its disposables.
//
// Activation registers the providers and commands only; each is a stand-in that makes the real one
// (hoverProvider.ts, dropProvider.ts, linkFix.ts, linkCheck.ts) on first use, when its code loads
// (src/features/load.ts). The stand-ins answer the common case themselves without loading it: a
// hover on a line with no Panopto page link, code actions for diagnostics that are not the link
// check's (VS Code asks on every cursor move). The drop provider is asked only for the tree's drags.
import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/register';
import { features } from '../features/load';
import type { Log } from '../util/log';
import type { DetailsCache } from './detailsCache';
import { RECORDINGS_MIME } from './dragPayload';
import { COPY_LINK_COMMAND, DIAGNOSTIC_SOURCE, DROP_KIND, REPLACE_LINK_COMMAND } from './ids';
import type { LinkChecker } from './linkCheck';
import type { RecordingSource, RecordingSummary, SiteSource } from './recordings';

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
  let cache: DetailsCache<RecordingSummary> | undefined;
  let hover: vscode.HoverProvider | undefined;
  let drop: vscode.DocumentDropEditProvider | undefined;
  let linkFix: vscode.CodeActionProvider | undefined;
  let checker: LinkChecker | undefined;
  const linkChecker = () => (checker ??= new (features().LinkChecker)(deps.sessions, deps.site, deps.log));

  const disposables: vscode.Disposable[] = [
    { dispose: () => checker?.dispose() },
    vscode.languages.registerDocumentDropEditProvider(
      '*',
      { provideDocumentDropEdits: (...args) => (drop ??= features().createDropProvider()).provideDocumentDropEdits(...args) },
      { dropMimeTypes: [RECORDINGS_MIME], providedDropEditKinds: [DROP_KIND] },
    ),
    vscode.languages.registerCodeActionsProvider(
      '*',
      {
        provideCodeActions: (document, range, context, token) =>
          context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE)
            ? (linkFix ??= features().createLinkFixProvider()).provideCodeActions(document, range, context, token)
            : [],
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.languages.registerHoverProvider('*', {
      provideHover: (document, position, token) => {
        // The real provider's own first check, here too: a line without a Panopto page link loads nothing.
        if (!/\/Panopto\/Pages\//i.test(document.lineAt(position.line).text)) return undefined;
        cache ??= features().detailsCacheFor(deps.sessions);
        return (hover ??= features().createHoverProvider(deps.site, cache)).provideHover(document, position, token);
      },
    }),
    deps.onDidChangeSessions(() => cache?.clear()),
  ];
  const commands: Record<string, CommandHandler> = {
    'panopto.insertVideo': (args?: unknown) => features().insertVideo(deps.sessions, deps.site, args),
    'panopto.checkLinks': () => linkChecker().run(),
    [REPLACE_LINK_COMMAND]: (uri: vscode.Uri, range: vscode.Range, sessionId?: string) =>
      features().replaceLink(deps.sessions, uri, range, sessionId),
    [COPY_LINK_COMMAND]: async (link: string) => {
      await vscode.env.clipboard.writeText(link);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Panopto link copied'), 3000);
    },
  };
  return { commands, disposables };
}
