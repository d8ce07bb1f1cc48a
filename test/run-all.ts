// `npm test`: every suite in turn (unit, extension host, end-to-end, reliability), each in its own
// process, then one closing line with the totals. Mocha's own summaries are printed as they come.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
const suites = ['test:unit', 'test:host', 'test:e2e', 'test:reliability'].filter((s) => s in scripts);

interface Outcome { suite: string; passed: number; failed: number; pending: number; exitCode: number }

function run(suite: string): Promise<Outcome> {
  return new Promise((resolve) => {
    console.log(`\n=== npm run ${suite}`);
    const child = spawn('npm', ['run', '--silent', suite], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      text += chunk.toString();
    });
    child.on('close', (code) => {
      // Sum every mocha summary the suite printed (a runner may run several mocha instances).
      const count = (word: string) =>
        [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      resolve({ suite, passed: count('passing'), failed: count('failing'), pending: count('pending'), exitCode: code ?? 1 });
    });
  });
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  for (const suite of suites) {
    outcomes.push(await run(suite));
  }
  console.log('\n=== summary');
  for (const o of outcomes) {
    console.log(`${o.suite}: ${o.passed} passing, ${o.failed} failing, ${o.pending} pending, exit ${o.exitCode}`);
  }
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed + (o.exitCode !== 0 && o.failed === 0 ? 1 : 0), 0);
  const ranNothing = outcomes.some((o) => o.passed === 0 && o.failed === 0);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || ranNothing ? 1 : 0);
}

void main();
