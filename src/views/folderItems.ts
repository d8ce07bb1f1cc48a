// How each node of the Folders tree looks: label, icon, tooltip, contextValue (which drives the
// context menu in package.json: 'folder', 'session', 'loadMore', 'error', 'empty') and click command.
import * as vscode from 'vscode';
import { LOAD_MORE_COMMAND, RETRY_COMMAND } from './folderCommands';
import type { EmptyNode, ErrorNode, FolderNode, LoadMoreNode, SessionNode, TreeNode } from './folderModel';
import { formatDuration } from '../util/duration';

export function treeItemFor(node: TreeNode): vscode.TreeItem {
  switch (node.kind) {
    case 'folder':
      return folderItem(node);
    case 'session':
      return sessionItem(node);
    case 'loadMore':
      return loadMoreItem(node);
    case 'error':
      return errorItem(node);
    case 'empty':
      return emptyItem(node);
  }
}

function emptyItem(node: EmptyNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'empty';
  item.iconPath = new vscode.ThemeIcon('info');
  return item;
}

function folderItem(node: FolderNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.contextValue = 'folder';
  item.iconPath = new vscode.ThemeIcon('folder');
  item.tooltip = tooltip(node.folder.name, node.folder.description);
  return item;
}

function sessionItem(node: SessionNode): vscode.TreeItem {
  const { session } = node;
  const item = new vscode.TreeItem(session.name, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'session';
  item.iconPath = new vscode.ThemeIcon('device-camera-video');
  const date = session.startTime ? formatDate(session.startTime) : undefined;
  const duration = session.durationSeconds !== undefined ? formatDuration(session.durationSeconds) : undefined;
  item.description = [date, duration].filter(Boolean).join(' · ') || undefined;
  item.tooltip = sessionTooltip(session, node.parent.folder.name);
  return item;
}

/** What a recording's hover shows: its thumbnail (when Panopto sent one), title, folder, date, duration, description. */
export function sessionTooltip(
  session: SessionNode['session'] & { thumbnailUrl?: string },
  folderName: string | undefined,
): vscode.MarkdownString {
  const parts: string[] = [];
  // https only: the workbench's hovers do not load images over plain http (a loopback dev site).
  if (session.thumbnailUrl && /^https:\/\//i.test(session.thumbnailUrl)) {
    parts.push(`![${escapeMarkdown(session.name)}](${encodeURI(session.thumbnailUrl).replace(/[()]/g, encodeURIComponent)}|width=240)`);
  }
  parts.push(`**${escapeMarkdown(session.name)}**`);
  const when = session.startTime ? new Date(session.startTime).toLocaleString() : undefined;
  const duration = session.durationSeconds !== undefined ? formatDuration(session.durationSeconds) : undefined;
  const facts = [
    folderName ? `$(folder) ${escapeMarkdown(folderName)}` : undefined,
    when && escapeMarkdown(when),
    duration && `$(clock) ${duration}`,
  ];
  const line = facts.filter(Boolean).join(' · ');
  if (line) parts.push(line);
  if (session.description) parts.push(escapeMarkdown(session.description));
  const markdown = new vscode.MarkdownString(parts.join('\n\n'), true);
  markdown.supportHtml = false;
  return markdown;
}

function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'loadMore';
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: LOAD_MORE_COMMAND, title: vscode.l10n.t('Load more…'), arguments: [node] };
  return item;
}

function errorItem(node: ErrorNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'error';
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.description = vscode.l10n.t('Retry');
  item.tooltip = new vscode.MarkdownString(
    `${escapeMarkdown(node.message)}\n\n${vscode.l10n.t('Click to try again. Details are in the Panopto log.')}`,
  );
  item.command = { command: RETRY_COMMAND, title: vscode.l10n.t('Retry'), arguments: [node] };
  return item;
}

function tooltip(title: string, description: string | undefined, extra?: string): vscode.MarkdownString {
  const parts = [`**${escapeMarkdown(title)}**`];
  if (extra) parts.push(escapeMarkdown(extra));
  if (description) parts.push(escapeMarkdown(description));
  const markdown = new vscode.MarkdownString(parts.join('\n\n'));
  markdown.supportHtml = false;
  return markdown;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

function formatDate(iso: string): string | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
