// Builds what the host and e2e runs load: the extension bundle (dist/), the extension-host suites
// and the fixture extension (test/host/build.mjs). Once per process.
import { repoRoot } from './paths';
import { runToEnd } from './processes';

let built: Promise<void> | undefined;

export function buildForHost(): Promise<void> {
  built ??= (async () => {
    await runToEnd(process.execPath, ['esbuild.mjs'], { cwd: repoRoot });
    await runToEnd(process.execPath, ['test/host/build.mjs'], { cwd: repoRoot });
  })();
  return built;
}
