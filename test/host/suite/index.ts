// The extension-host test entry: VS Code (code-server's payload, or @vscode/test-electron's
// --extensionTestsPath) requires this file inside the extension host and awaits run().
// It runs every *.test.js built next to it with mocha's spec reporter; the summary goes to the
// console, which the host runner collects from the page (code-server) or the process (Electron).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

// In code-server the runner reads mocha's output from the page console, among the workbench's own
// log lines; a marker set by the runner tells them apart. (Under test-electron it prints as is.)
const marker = process.env.PANOPTO_HOST_CONSOLE_MARKER;
if (marker) {
  const log = console.log.bind(console);
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) =>
    log(
      format(...args)
        .split('\n')
        .map((line) => marker + line)
        .join('\n'),
    );
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.PANOPTO_HOST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
