// panopto.searchSessions: find a recording as you type (src/ui/sessionPicker.ts), then reveal it in
// the Folders tree, open it in the browser or copy its link. With (query, action) as arguments it
// runs without prompts on the best match (keybindings, other extensions, tests).
import * as vscode from 'vscode';
import type { SessionInfo } from '../panopto/wire';
import { PanoptoInputError } from '../panopto/serviceErrors';
import { pickSession, type SessionSearchSource } from '../ui/sessionPicker';
import type { Log } from '../util/log';
import type { SessionNode } from '../views/folderModel';
import type { FoldersView } from '../views/foldersTree';
import { withViewProgress } from './treeChanges';

export type SearchAction = 'reveal' | 'open' | 'copyLink';

export interface SearchSessionsDeps {
  view: FoldersView;
  sessions: SessionSearchSource<SessionInfo>;
  log: Log;
}

const actions: { id: SearchAction; label: () => string; icon: string }[] = [
  { id: 'reveal', label: () => vscode.l10n.t('Show in the Folders view'), icon: 'list-tree' },
  { id: 'open', label: () => vscode.l10n.t('Open in Browser'), icon: 'link-external' },
  { id: 'copyLink', label: () => vscode.l10n.t('Copy Link'), icon: 'copy' },
];

function isAction(value: unknown): value is SearchAction {
  return actions.some((a) => a.id === value);
}

async function chooseAction(session: SessionInfo): Promise<SearchAction | undefined> {
  const chosen = await vscode.window.showQuickPick(
    actions.map((a) => ({ label: `$(${a.icon}) ${a.label()}`, id: a.id })),
    { title: session.name, placeHolder: vscode.l10n.t('What to do with "{0}"?', session.name) },
  );
  return chosen?.id;
}

async function revealSession(view: FoldersView, session: SessionInfo): Promise<SessionNode> {
  const node = await withViewProgress(vscode.l10n.t('Finding "{0}"…', session.name), () => view.model.locateSession(session));
  // reveal opens the view (and its container) when it is hidden.
  await view.treeView.reveal(node, { select: true, focus: true, expand: true });
  return node;
}

async function act(deps: SearchSessionsDeps, session: SessionInfo, action: SearchAction): Promise<void> {
  if (action === 'reveal') {
    await revealSession(deps.view, session);
    return;
  }
  if (!session.viewerUrl) {
    throw new PanoptoInputError(vscode.l10n.t('Panopto sent no link for "{0}".', session.name));
  }
  if (action === 'open') {
    await vscode.env.openExternal(vscode.Uri.parse(session.viewerUrl, true));
  } else {
    await vscode.env.clipboard.writeText(session.viewerUrl);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Panopto link copied.'), 3000);
  }
}

export async function searchSessions(
  deps: SearchSessionsDeps,
  query?: unknown,
  action?: unknown,
): Promise<{ session: SessionInfo; action: SearchAction } | undefined> {
  let session: SessionInfo | undefined;
  let chosenAction: SearchAction | undefined = isAction(action) ? action : undefined;
  if (typeof query === 'string' && query.trim() && chosenAction) {
    [session] = await withViewProgress(vscode.l10n.t('Searching for "{0}"…', query), () => deps.sessions.searchSessions(query, {}));
    if (!session) throw new PanoptoInputError(vscode.l10n.t('No recording matches "{0}".', query));
  } else {
    const picked = await pickSession(deps.sessions, {
      title: vscode.l10n.t('Search recordings'),
      log: deps.log,
      placeholder: vscode.l10n.t('Type words from a title, description or captions'),
      buttons: [
        { id: 'open', iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Open in Browser') },
        { id: 'copyLink', iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy Link') },
      ],
    });
    if (!picked) return undefined;
    session = picked.session;
    chosenAction = isAction(picked.button) ? picked.button : (chosenAction ?? (await chooseAction(session)));
  }
  if (!chosenAction) return undefined;
  await act(deps, session, chosenAction);
  deps.log.info(`Search: ${chosenAction} on session ${session.id}`);
  return { session, action: chosenAction };
}
