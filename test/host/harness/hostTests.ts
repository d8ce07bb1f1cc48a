// Runs the extension-host mocha suites inside code-server: the workbench is opened with the
// test payload (extensionDevelopmentPath + extensionTestsPath, the authority equal to the page's
// host:port), the host requires out/test/host/suite/index.js and awaits run(), and the page then
// calls window.codeAutomationExit(code), which Playwright receives.
import { format } from 'node:util';
import type { ConsoleMessage, Page } from 'playwright-core';
import type { CodeServer } from './codeServer';

export interface HostTestOutcome {
  exitCode: number;
  /** What the extension host logged to the console (mocha's spec output among it). */
  lines: string[];
}

/**
 * The text of one console message from the extension host, formatted as Node would print it.
 * The workbench forwards the host's console calls as console.log('%c INFO', 'color: …', format, ...args),
 * so the first two arguments are styling and the rest is what the host passed to console.log.
 */
async function hostConsoleText(message: ConsoleMessage): Promise<string | undefined> {
  if (!/^%c\s+(INFO|WARN|ERR)\b/.test(message.text())) return undefined;
  const args = await Promise.all(message.args().map((handle) => handle.jsonValue().catch(() => '?')));
  return format(...(args.slice(2) as unknown[]));
}

/** Set in the extension host's environment; index.ts prefixes every mocha line with it. */
export const consoleMarker = '[panopto-host-test] ';

export async function runHostTests(
  page: Page,
  server: CodeServer,
  extensionPath: string,
  testsPath: string,
  timeoutMs: number,
): Promise<HostTestOutcome> {
  // One promise per message, awaited in arrival order, so the output keeps mocha's order.
  const texts: Promise<string | undefined>[] = [];
  page.on('console', (message) => {
    if (process.env.PANOPTO_HOST_DEBUG) console.error(`[page console] ${message.text().slice(0, 300)}`);
    texts.push(hostConsoleText(message));
  });
  const exited = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  const remote = (p: string) => `vscode-remote://${server.authority}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
  ]);
  await page.goto(server.workbenchUrl({ payload }));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(124), timeoutMs);
  });
  const exitCode = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  const lines = (await Promise.all(texts))
    .filter((t): t is string => t !== undefined)
    .flatMap((t) => t.split('\n'))
    .filter((line) => line.startsWith(consoleMarker))
    .map((line) => line.slice(consoleMarker.length));
  if (exitCode === 124) lines.push(`[host runner] no result from the extension host within ${timeoutMs} ms`);
  return { exitCode, lines };
}
