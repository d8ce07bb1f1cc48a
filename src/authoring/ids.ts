// The authoring area's names that activation registers with (src/authoring/authoringModule.ts),
// apart from the code that uses them, which loads on first use (src/features/load.ts).
import * as vscode from 'vscode';

export const COPY_LINK_COMMAND = 'panopto.authoring.copyLink';
export const REPLACE_LINK_COMMAND = 'panopto.authoring.replaceLink';
/** The source of the link check's diagnostics (linkCheck.ts); the quick fix (linkFix.ts) offers itself for these. */
export const DIAGNOSTIC_SOURCE = 'Panopto';
// Under `text`: VS Code's Markdown drop of the tree's text/uri-list (a `[text](…)` link to the bare
// URL) yields to edits of kind `text`, so the recording's own link comes first in Markdown too.
export const DROP_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('panopto', 'recording');
