// What the suites share: the extension under test, its manifest, and the dev server the runner
// started (its URL arrives through the environment, which code-server passes to the extension host).
import * as vscode from 'vscode';
import type { PanoptoApi } from '../../../src/api';

export const extensionId = 'panopto-community.vscode-panopto';

export function panoptoExtension(): vscode.Extension<PanoptoApi> {
  const extension = vscode.extensions.getExtension<PanoptoApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded in this extension host`);
  return extension;
}

export async function activatedApi(): Promise<PanoptoApi> {
  return panoptoExtension().activate();
}

export interface ManifestCommand {
  command: string;
  title: string;
}

export function manifestCommands(): ManifestCommand[] {
  const manifest = panoptoExtension().packageJSON as { contributes: { commands: ManifestCommand[] } };
  return manifest.contributes.commands;
}

/** The dev server's base URL when the runner started one, else undefined (e.g. under test-electron). */
export const devServerUrl: string | undefined = process.env.PANOPTO_TEST_DEV_SERVER_URL || undefined;
