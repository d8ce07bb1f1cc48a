// The tools' results as text a person (and a model) can read: titles, folders, dates, durations
// and links in Markdown. Never a token: nothing here sees one.
import * as l10n from '@vscode/l10n';
import type { UploadResult } from '../api';
import type { RecordingSummary } from '../authoring/recordings';
import { formatDuration } from '../util/duration';
import { escapeMarkdownText } from '../authoring/syntax';

export interface FolderSummary {
  id: string;
  name: string;
  url?: string;
  description?: string;
}

function date(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

function linked(name: string, url: string | undefined): string {
  return url ? `[${escapeMarkdownText(name)}](${url})` : escapeMarkdownText(name);
}

export function recordingLine(r: RecordingSummary): string {
  const facts = [
    r.folderName ? l10n.t('folder {0}', escapeMarkdownText(r.folderName)) : undefined,
    date(r.startTime),
    r.durationSeconds !== undefined ? formatDuration(r.durationSeconds) : undefined,
    `id ${r.id}`,
  ].filter(Boolean);
  return `- ${linked(r.name, r.viewerUrl)} (${facts.join(', ')})`;
}

export function describeSearch(query: string, found: RecordingSummary[]): string {
  if (!found.length) return l10n.t('No Panopto recordings match "{0}".', query);
  return [l10n.t('Panopto recordings matching "{0}" ({1}):', query, found.length), ...found.map(recordingLine)].join('\n');
}

export function describeFolders(parentId: string | undefined, folders: FolderSummary[]): string {
  const where = parentId ? l10n.t('in folder {0}', parentId) : l10n.t('at the top level');
  if (!folders.length) return l10n.t('No Panopto folders {0}.', where);
  const lines = folders.map((f) => `- ${linked(f.name, f.url)} (id ${f.id})`);
  return [l10n.t('Panopto folders {0} ({1}):', where, folders.length), ...lines].join('\n');
}

export function describeDetails(r: RecordingSummary & { embedUrl?: string; editorUrl?: string }): string {
  const lines = [`# ${escapeMarkdownText(r.name)}`];
  if (r.description) lines.push(r.description);
  if (r.folderName) lines.push(l10n.t('Folder: {0}', escapeMarkdownText(r.folderName)) + (r.folderId ? ` (id ${r.folderId})` : ''));
  const when = date(r.startTime);
  if (when) lines.push(l10n.t('Date: {0}', when));
  if (r.durationSeconds !== undefined) lines.push(l10n.t('Duration: {0}', formatDuration(r.durationSeconds)));
  lines.push(`id ${r.id}`);
  if (r.viewerUrl) lines.push(l10n.t('Watch: {0}', r.viewerUrl));
  if (r.embedUrl) lines.push(l10n.t('Embed: {0}', r.embedUrl));
  if (r.editorUrl) lines.push(l10n.t('Edit: {0}', r.editorUrl));
  return lines.join('\n');
}

export function describeUpload(fileName: string, result: UploadResult): string {
  const link = result.viewerUrl ? ` ${l10n.t('Watch: {0}', result.viewerUrl)}` : '';
  switch (result.state) {
    case 'complete':
      return l10n.t('Uploaded {0}; Panopto has processed it.', fileName) + link;
    case 'processing':
      return l10n.t('Uploaded {0}; Panopto is still processing it.', fileName) + link;
    case 'cancelled':
      return l10n.t('The upload of {0} was cancelled.', fileName);
    case 'failed':
      return l10n.t('The upload of {0} failed: {1}', fileName, result.message ?? l10n.t('no reason given'));
  }
}

export function signInText(): string {
  return l10n.t(
    'Not signed in to Panopto. Ask the user to sign in with the command "Panopto: Sign In" (or the Accounts menu), then try again.',
  );
}
