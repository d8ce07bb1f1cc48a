// `panopto.checkLinks`: every recording link of the signed-in site in the workspace is asked about,
// at most 8 requests in flight (recordingCheck.ts); recordings that are gone (404) or forbidden (403)
// show in the Problems panel with a quick fix that picks a replacement. Progress in a notification,
// cancellable.
import * as vscode from 'vscode';
import { NotSignedInError } from '../panopto/access';
import { isCancellation } from '../ui/errors';
import { abortSignalFrom } from '../util/cancellation';
import type { Log } from '../util/log';
import { DIAGNOSTIC_SOURCE } from './ids';
import { findRecordingLinks } from './links';
import type { RecordingSource, SiteSource } from './recordings';
import { checkRecordings, type LinkProblem } from './recordingCheck';
import { findWorkspaceLinks, linksInText, type FileLinks } from './workspaceLinks';

export interface LinkCheckResult {
  files: number;
  links: number;
  recordings: number;
  gone: number;
  forbidden: number;
  /** Recordings that could not be checked (network, server errors). */
  unchecked: number;
  cancelled: boolean;
}

function diagnosticFor(range: vscode.Range, problem: LinkProblem): vscode.Diagnostic {
  const message =
    problem === 'gone'
      ? vscode.l10n.t('This Panopto recording no longer exists (HTTP 404).')
      : vscode.l10n.t('You have no access to this Panopto recording (HTTP 403).');
  const diagnostic = new vscode.Diagnostic(
    range,
    message,
    problem === 'gone' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem;
  return diagnostic;
}

export class LinkChecker implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('panopto-links');
  /** What the last check found per recording id, so edits re-place the diagnostics without requests. */
  private problems = new Map<string, LinkProblem>();
  private origin: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly source: RecordingSource,
    private readonly site: SiteSource,
    private readonly log: Log,
  ) {
    this.subscriptions = [this.diagnostics, vscode.workspace.onDidChangeTextDocument((e) => this.refreshDocument(e.document))];
  }

  async run(): Promise<LinkCheckResult | undefined> {
    const origin = await this.site.signedInOrigin();
    if (!origin) throw new NotSignedInError(vscode.l10n.t('Sign in to Panopto to check the links to its recordings.'));
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking Panopto links'), cancellable: true },
      (progress, token) => this.check(origin, progress, token),
    );
    void this.summarize(result);
    return result;
  }

  /** Not awaited by run(): the command resolves with the result while the message stays up. */
  private async summarize(result: LinkCheckResult): Promise<void> {
    const checked = vscode.l10n.t(
      'Checked {0} links to {1} Panopto recordings in {2} files.',
      result.links,
      result.recordings,
      result.files,
    );
    const parts = [result.cancelled ? vscode.l10n.t('Link check cancelled.') : checked];
    if (result.gone) parts.push(vscode.l10n.t('{0} gone.', result.gone));
    if (result.forbidden) parts.push(vscode.l10n.t('{0} without access.', result.forbidden));
    if (result.unchecked) parts.push(vscode.l10n.t('{0} could not be checked (see the log).', result.unchecked));
    const message = parts.join(' ');
    if (!result.gone && !result.forbidden) {
      await vscode.window.showInformationMessage(message);
      return;
    }
    const show = vscode.l10n.t('Show Problems');
    if ((await vscode.window.showWarningMessage(message, show)) === show) {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  }

  private async check(
    origin: string,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<LinkCheckResult> {
    progress.report({ message: vscode.l10n.t('Finding links…') });
    const files = await findWorkspaceLinks(origin, token);
    const ids = [...new Set(files.flatMap((f) => f.links.map((l) => l.id)))];
    const result: LinkCheckResult = {
      files: files.length,
      links: files.reduce((n, f) => n + f.links.length, 0),
      recordings: ids.length,
      gone: 0,
      forbidden: 0,
      unchecked: 0,
      cancelled: false,
    };
    const cancel = abortSignalFrom(token);
    let problems: Map<string, LinkProblem>;
    try {
      const checked = await checkRecordings(ids, this.source, {
        signal: cancel.signal,
        log: this.log,
        isCancellation,
        onChecked: (done) =>
          progress.report({ message: vscode.l10n.t('{0} of {1} recordings', done, ids.length), increment: 100 / ids.length }),
      });
      problems = checked.problems;
      result.unchecked = checked.unchecked;
    } finally {
      cancel.dispose();
    }
    result.cancelled = token.isCancellationRequested;
    for (const problem of problems.values()) result[problem]++;
    this.origin = origin;
    this.problems = problems;
    this.diagnostics.clear();
    for (const file of files) this.place(file);
    return result;
  }

  private place(file: FileLinks): void {
    const found = file.links.flatMap((link) => {
      const problem = this.problems.get(link.id);
      return problem ? [diagnosticFor(link.range, problem)] : [];
    });
    this.diagnostics.set(file.uri, found);
  }

  /** After an edit: the diagnostics follow the links (a replaced link loses its diagnostic). */
  private refreshDocument(document: vscode.TextDocument): void {
    if (!this.origin || this.problems.size === 0 || !this.diagnostics.has(document.uri)) return;
    const text = document.getText();
    if (!findRecordingLinks(text, this.origin).length) {
      this.diagnostics.delete(document.uri);
      return;
    }
    this.place(linksInText(document.uri, text, this.origin));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
