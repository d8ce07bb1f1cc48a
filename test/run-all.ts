// `npm test`: the static checks first (ESLint, then Prettier's format check), then every suite in turn
// (unit, extension host, end-to-end, reliability), each in its own process, then one closing line with
// the totals. A failing check fails the run as a failing suite does; the suites still run after it, so
// one run shows everything that is wrong. Mocha's own summaries are printed as they come.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

/** Each check counts as one test; `fix` says what to do when it fails. */
const checks = [
  { script: 'lint', fix: 'see the findings above (`npm run lint` lists them again)' },
  { script: 'format:check', fix: 'run `npm run format` to reformat the files listed above' },
].filter((c) => c.script in scripts);
const suites = ['test:unit', 'test:host', 'test:e2e', 'test:reliability'].filter((s) => s in scripts);

interface Outcome {
  suite: string;
  passed: number;
  failed: number;
  pending: number;
  exitCode: number;
  /** The summary line for a check (a suite's is built from its counts). */
  checkLine?: string;
}

function spawnScript(script: string, stdout: 'pipe' | 'inherit') {
  console.log(`\n=== npm run ${script}`);
  return spawn('npm', ['run', '--silent', script], { stdio: ['ignore', stdout, 'inherit'], env: process.env });
}

function runCheck(script: string, fix: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawnScript(script, 'inherit');
    child.on('close', (code) => {
      const exitCode = code ?? 1;
      const checkLine = exitCode === 0 ? `${script}: passed` : `${script}: FAILED (exit ${exitCode}): ${fix}`;
      console.log(checkLine);
      resolve({ suite: script, passed: exitCode === 0 ? 1 : 0, failed: exitCode === 0 ? 0 : 1, pending: 0, exitCode, checkLine });
    });
  });
}

function runSuite(suite: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawnScript(suite, 'pipe');
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      text += chunk.toString();
    });
    child.on('close', (code) => {
      // Sum every mocha summary the suite printed (a runner may run several mocha instances).
      const count = (word: string) => [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      resolve({ suite, passed: count('passing'), failed: count('failing'), pending: count('pending'), exitCode: code ?? 1 });
    });
  });
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  for (const { script, fix } of checks) {
    outcomes.push(await runCheck(script, fix));
  }
  for (const suite of suites) {
    outcomes.push(await runSuite(suite));
  }
  console.log('\n=== summary');
  for (const o of outcomes) {
    console.log(o.checkLine ?? `${o.suite}: ${o.passed} passing, ${o.failed} failing, ${o.pending} pending, exit ${o.exitCode}`);
  }
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed + (o.exitCode !== 0 && o.failed === 0 ? 1 : 0), 0);
  const ranNothing = outcomes.some((o) => o.passed === 0 && o.failed === 0);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || ranNothing ? 1 : 0);
}

void main();
