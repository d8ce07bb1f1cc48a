// Hovering a link to a recording on the signed-in site shows its title, folder, date, duration and
// thumbnail, with Open and Copy Link. Links to other hosts cost no request; answers are cached
// briefly and shared between concurrent hovers (detailsCache.ts); signed out, the hover offers
// Sign In; `panopto.hover.enabled` turns it off.
import * as vscode from 'vscode';
import { isCancellation } from '../ui/errors';
import { abortSignalFrom } from '../util/cancellation';
import { errorMessage } from '../util/errorMessage';
import { DetailsCache } from './detailsCache';
import { COPY_LINK_COMMAND } from './ids';
import { originOf, recordingLinkAt, type RecordingLink } from './links';
import type { RecordingSource, RecordingSummary, SiteSource } from './recordings';
import { describeSession } from '../ui/sessionPicker';
import { escapeMarkdownText } from './syntax';

function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

export function hoverMarkdown(recording: RecordingSummary, link: RecordingLink): vscode.MarkdownString {
  const viewer = recording.viewerUrl ?? link.url.replace(/&amp;/gi, '&');
  const lines = [`**${escapeMarkdownText(recording.name)}**`];
  const about = describeSession(recording);
  if (about) lines.push(escapeMarkdownText(about));
  if (recording.thumbnailUrl) lines.push(`![${escapeMarkdownText(recording.name)}](${recording.thumbnailUrl}|width=240)`);
  lines.push(
    [
      commandLink(vscode.l10n.t('Open'), 'vscode.open', [vscode.Uri.parse(viewer)]),
      commandLink(vscode.l10n.t('Copy Link'), COPY_LINK_COMMAND, [viewer]),
    ].join(' · '),
  );
  const markdown = new vscode.MarkdownString(lines.join('\n\n'));
  markdown.isTrusted = { enabledCommands: ['vscode.open', COPY_LINK_COMMAND] };
  return markdown;
}

function signInMarkdown(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(
    vscode.l10n.t(
      'A Panopto recording. {0} to see its title, folder, date and duration.',
      commandLink(vscode.l10n.t('Sign In'), 'panopto.signIn', []),
    ),
  );
  markdown.isTrusted = { enabledCommands: ['panopto.signIn'] };
  return markdown;
}

export function createHoverProvider(site: SiteSource, cache: DetailsCache<RecordingSummary>): vscode.HoverProvider {
  return {
    async provideHover(document, position, token) {
      if (!vscode.workspace.getConfiguration('panopto.hover', document).get<boolean>('enabled', true)) return undefined;
      const line = document.lineAt(position.line).text;
      // Cheap first: a line without a Panopto page link costs nothing more.
      if (!/\/Panopto\/Pages\//i.test(line)) return undefined;
      const signedIn = await site.signedInOrigin();
      const origin = signedIn ?? site.configuredOrigin();
      if (!origin) return undefined;
      const link = recordingLinkAt(line, position.character, originOf(origin));
      if (!link) return undefined;
      const range = new vscode.Range(position.line, link.start, position.line, link.end);
      if (!signedIn) return new vscode.Hover(signInMarkdown(), range);
      const cancel = abortSignalFrom(token);
      try {
        const recording = await cache.get(link.id, cancel.signal);
        return new vscode.Hover(hoverMarkdown(recording, link), range);
      } catch (error) {
        if (token.isCancellationRequested || isCancellation(error)) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(escapeMarkdownText(errorMessage(error))), range);
      } finally {
        cancel.dispose();
      }
    },
  };
}

export function detailsCacheFor(source: RecordingSource): DetailsCache<RecordingSummary> {
  return new DetailsCache((id, signal) => source.getSessionDetails(id, signal), 60_000);
}
