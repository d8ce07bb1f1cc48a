// One row of the Uploads view: the file, the folder it goes to, and how it is going (percent,
// MiB/s, time left), with an icon per state. contextValue `upload.<state>` (+ `.link` when there is
// a viewer link) is what package.json's menus match to offer cancel, retry, resume and open.
import * as vscode from 'vscode';
import type { UploadItem, UploadItemState } from '../uploads/queueItem';
import { MIB } from '../uploads/partPlan';

const ICONS: Record<UploadItemState, vscode.ThemeIcon> = {
  queued: new vscode.ThemeIcon('clock'),
  uploading: new vscode.ThemeIcon('cloud-upload'),
  interrupted: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('list.warningForeground')),
  processing: new vscode.ThemeIcon('loading~spin'),
  complete: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
};

function stateLabel(state: UploadItemState): string {
  switch (state) {
    case 'queued':
      return vscode.l10n.t('queued');
    case 'uploading':
      return vscode.l10n.t('uploading');
    case 'interrupted':
      return vscode.l10n.t('interrupted, resumes by itself');
    case 'processing':
      return vscode.l10n.t('Panopto is processing');
    case 'complete':
      return vscode.l10n.t('complete');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'cancelled':
      return vscode.l10n.t('cancelled');
  }
}

export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return vscode.l10n.t('{0} s left', Math.max(1, Math.round(seconds)));
  if (seconds < 3600) return vscode.l10n.t('{0} min left', Math.round(seconds / 60));
  return vscode.l10n.t('{0} h {1} min left', Math.floor(seconds / 3600), Math.round((seconds % 3600) / 60));
}

/** "COMP101 · 45 % · 12.3 MiB/s · 2 min left", or the state when not sending. */
export function uploadDescription(item: UploadItem): string {
  const folder = item.folderName ?? item.folderId;
  const percent = item.totalBytes ? Math.floor((item.bytesSent / item.totalBytes) * 100) : 0;
  const parts = [folder];
  if (item.state === 'uploading') {
    parts.push(`${percent} %`);
    if (item.bytesPerSecond > 0) parts.push(vscode.l10n.t('{0} MiB/s', (item.bytesPerSecond / MIB).toFixed(1)));
    if (item.secondsLeft !== undefined) parts.push(formatTimeLeft(item.secondsLeft));
  } else {
    if (item.state === 'interrupted' && item.totalBytes) parts.push(`${percent} %`);
    parts.push(stateLabel(item.state));
  }
  return parts.join(' · ');
}

export function uploadTreeItem(item: UploadItem): vscode.TreeItem {
  const row = new vscode.TreeItem(item.fileName, vscode.TreeItemCollapsibleState.None);
  row.id = item.id;
  row.description = uploadDescription(item);
  row.iconPath = ICONS[item.state];
  row.resourceUri = vscode.Uri.file(item.filePath);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(`${item.filePath}\n`);
  tooltip.appendText(vscode.l10n.t('To {0}', item.folderName ?? item.folderId) + '\n');
  tooltip.appendText(stateLabel(item.state));
  if (item.message) tooltip.appendText(`\n${item.message}`);
  row.tooltip = tooltip;
  row.contextValue = `upload.${item.state}${item.result?.viewerUrl ? '.link' : ''}`;
  return row;
}
