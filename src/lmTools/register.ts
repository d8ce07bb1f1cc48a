// Registers the language model tools (package.json `contributes.languageModelTools`) at activation
// with stand-ins whose calls make the real tools (./tools.ts) on first use, so their code loads
// with the first call (src/features/load.ts), not at start-up.
import * as vscode from 'vscode';
import { features } from '../features/load';
import type { ToolDeps } from './tools';

export const TOOL_NAMES = ['panopto_searchSessions', 'panopto_listFolders', 'panopto_sessionDetails', 'panopto_uploadFile'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
/** The tools that ask before they act (prepareInvocation), so VS Code shows their confirmation. */
const CONFIRMED: ReadonlySet<ToolName> = new Set(['panopto_uploadFile']);

/** Registers every tool; VS Code without the lm API (older hosts) gets none. */
export function registerTools(deps: ToolDeps): vscode.Disposable[] {
  if (typeof vscode.lm?.registerTool !== 'function') return [];
  let tools: Record<ToolName, vscode.LanguageModelTool<object>> | undefined;
  const real = (name: ToolName) => (tools ??= features().createTools(deps))[name];
  return TOOL_NAMES.map((name) =>
    vscode.lm.registerTool<object>(name, {
      invoke: (options, token) => real(name).invoke(options, token),
      ...(CONFIRMED.has(name) ? { prepareInvocation: (options, token) => real(name).prepareInvocation?.(options, token) } : {}),
    }),
  );
}
