// The file VS Code loads (package.json "main", built into dist/main.cjs on its own): it loads the
// extension, dist/extension.js (src/extension.ts), through V8's code cache kept in the extension's
// global storage (./codeCache.ts), and hands activation over to it. It holds nothing else, so that
// VS Code compiles only these few lines on every start. It is a .cjs file because Node reads the
// nearest package.json (ours has every contribution, 27 KB) to learn a .js file's module type, and
// a .cjs file is CommonJS by its name: about 0.7 ms of the start on the bench machine.
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { requireWithCodeCache } from './codeCache';

interface Extension {
  activate(context: vscode.ExtensionContext): unknown;
  deactivate(): unknown;
}

let extension: Extension | undefined;

/** dist/extension.js, required once, with the cache where the global storage is a local folder. */
function load(context: vscode.ExtensionContext): Extension {
  const storage = context.globalStorageUri;
  const cacheDir = storage.scheme === 'file' ? join(storage.fsPath, 'code-cache') : undefined;
  const version = String((context.extension.packageJSON as { version?: unknown }).version);
  return (extension ??= requireWithCodeCache(join(__dirname, 'extension.js'), cacheDir, version).exports as Extension);
}

export function activate(context: vscode.ExtensionContext): unknown {
  return load(context).activate(context);
}

export function deactivate(): unknown {
  return extension?.deactivate();
}
