// The language model tools (declared in package.json `contributes.languageModelTools`):
// search recordings, list folders, a recording's details, upload a file (after the user confirms).
// Results are readable text; signed out, a tool answers with how to sign in instead of failing.
// Registered at activation by ./register.ts; this code loads with the first call (src/features/load.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanoptoApi } from '../api';
import type { RecordingSource, RecordingSummary } from '../authoring/recordings';
import { NotSignedInError } from '../panopto/access';
import { GrantRevokedError } from '../auth/errors';
import { abortSignalFrom } from '../util/cancellation';
import type { ToolName } from './register';
import { describeDetails, describeFolders, describeSearch, describeUpload, signInText, type FolderSummary } from './describe';

export interface ToolDeps {
  sessions: RecordingSource & { getSessionDetails(id: string, signal?: AbortSignal): Promise<RecordingSummary & { embedUrl?: string }> };
  folders: { listFolders(parentId?: string, signal?: AbortSignal): Promise<FolderSummary[]> };
  upload: PanoptoApi['upload'];
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

function needsSignIn(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof NotSignedInError || e instanceof GrantRevokedError) return true;
  return false;
}

/** Runs the call with the token as an AbortSignal; signed out becomes a result, other errors pass to the model. */
async function answer(
  token: vscode.CancellationToken,
  call: (signal: AbortSignal) => Promise<string>,
): Promise<vscode.LanguageModelToolResult> {
  const cancel = abortSignalFrom(token);
  try {
    return textResult(await call(cancel.signal));
  } catch (error) {
    if (needsSignIn(error)) return textResult(signInText());
    throw error;
  } finally {
    cancel.dispose();
  }
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new Error(vscode.l10n.t('The input needs "{0}" (a non-empty string).', name));
  return value.trim();
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

interface SearchInput {
  query: string;
  folderId?: string;
}
interface FoldersInput {
  parentId?: string;
}
interface DetailsInput {
  id: string;
}
interface UploadInput {
  path: string;
  folderId: string;
  title?: string;
}

/** A path as given, or relative to the first workspace folder. */
export function resolveUploadPath(given: string): vscode.Uri {
  if (path.isAbsolute(given)) return vscode.Uri.file(given);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root ? vscode.Uri.joinPath(root, given) : vscode.Uri.file(path.resolve(given));
}

/** A notification with Upload / Cancel (not modal: it stays answerable while the user looks at the file). */
async function confirmUpload(file: vscode.Uri, input: UploadInput): Promise<boolean> {
  const upload = vscode.l10n.t('Upload');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Upload to Panopto? An extension asks to upload {0} to the Panopto folder {1}.', file.fsPath, String(input.folderId)),
    upload,
    vscode.l10n.t('Cancel'),
  );
  return choice === upload;
}

export function createTools(deps: ToolDeps): Record<ToolName, vscode.LanguageModelTool<object>> {
  const search: vscode.LanguageModelTool<SearchInput> = {
    invoke: ({ input }, token) =>
      answer(token, async (signal) => {
        const query = requiredString(input.query, 'query');
        return describeSearch(query, await deps.sessions.searchSessions(query, { folderId: optionalString(input.folderId), signal }));
      }),
  };
  const folders: vscode.LanguageModelTool<FoldersInput> = {
    invoke: ({ input }, token) =>
      answer(token, async (signal) => {
        const parentId = optionalString(input.parentId);
        return describeFolders(parentId, await deps.folders.listFolders(parentId, signal));
      }),
  };
  const details: vscode.LanguageModelTool<DetailsInput> = {
    invoke: ({ input }, token) =>
      answer(token, async (signal) => describeDetails(await deps.sessions.getSessionDetails(requiredString(input.id, 'id'), signal))),
  };
  const upload: vscode.LanguageModelTool<UploadInput> = {
    prepareInvocation: ({ input }) => {
      const file = typeof input.path === 'string' ? input.path : '';
      return {
        invocationMessage: vscode.l10n.t('Uploading {0} to Panopto', path.basename(file)),
        confirmationMessages: {
          title: vscode.l10n.t('Upload to Panopto?'),
          message: new vscode.MarkdownString(
            vscode.l10n.t(
              'Upload `{0}` to the Panopto folder `{1}`{2}? Everyone with access to that folder will be able to see it.',
              file,
              String(input.folderId),
              input.title ? vscode.l10n.t(' as "{0}"', input.title) : '',
            ),
          ),
        },
      };
    },
    invoke: ({ input, toolInvocationToken }, token) =>
      answer(token, async () => {
        const file = resolveUploadPath(requiredString(input.path, 'path'));
        // In a chat VS Code asked with prepareInvocation's messages; an extension calling
        // vscode.lm.invokeTool directly gets no such question, so the tool asks itself.
        if (!toolInvocationToken && !(await confirmUpload(file, input))) {
          return vscode.l10n.t('The user did not confirm the upload of {0}; nothing was uploaded.', path.basename(file.fsPath));
        }
        const result = await deps.upload(file, requiredString(input.folderId, 'folderId'), { title: optionalString(input.title), token });
        return describeUpload(path.basename(file.fsPath), result);
      }),
  };
  return {
    panopto_searchSessions: search,
    panopto_listFolders: folders,
    panopto_sessionDetails: details,
    panopto_uploadFile: upload,
  };
}
