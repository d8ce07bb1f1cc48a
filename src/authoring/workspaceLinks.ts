// The recording links of one site in the workspace's text files. Files come from
// workspace.findFiles with files.exclude and search.exclude both applied (an explicit exclude glob
// replaces the default one, so both settings go into it); open documents are read as edited.
import * as vscode from 'vscode';
import { findRecordingLinks, type RecordingLink } from './links';

const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface FileLinks {
  uri: vscode.Uri;
  links: Array<RecordingLink & { range: vscode.Range }>;
}

/** `{a,b}` of the patterns set to true in files.exclude and search.exclude (conditional ones skipped). */
export function excludeGlob(scope?: vscode.ConfigurationScope): string | undefined {
  const patterns = new Set<string>();
  for (const section of ['files.exclude', 'search.exclude']) {
    const value = vscode.workspace.getConfiguration(undefined, scope).get<Record<string, unknown>>(section) ?? {};
    for (const [pattern, on] of Object.entries(value)) if (on === true) patterns.add(pattern);
  }
  return patterns.size ? `{${[...patterns].join(',')}}` : undefined;
}

/** Line and character of each offset (offsets ascending). */
function rangesOf(text: string, links: RecordingLink[]): Array<RecordingLink & { range: vscode.Range }> {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const positionAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return new vscode.Position(low, offset - lineStarts[low]);
  };
  return links.map((link) => ({ ...link, range: new vscode.Range(positionAt(link.start), positionAt(link.end)) }));
}

export function linksInText(uri: vscode.Uri, text: string, siteOrigin: string): FileLinks {
  return { uri, links: rangesOf(text, findRecordingLinks(text, siteOrigin)) };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) return undefined;
  const bytes = await vscode.workspace.fs.readFile(uri);
  // A NUL byte near the start: not a text file.
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return new TextDecoder().decode(bytes);
}

export async function findWorkspaceLinks(siteOrigin: string, token: vscode.CancellationToken): Promise<FileLinks[]> {
  const files = await vscode.workspace.findFiles('**/*', excludeGlob(), MAX_FILES, token);
  const found: FileLinks[] = [];
  for (const uri of files) {
    if (token.isCancellationRequested) break;
    const text = await readText(uri).catch(() => undefined);
    // Cheap test before the regular expression.
    if (!text || !/\/Panopto\/Pages\//i.test(text)) continue;
    const links = linksInText(uri, text, siteOrigin);
    if (links.links.length) found.push(links);
  }
  return found;
}
