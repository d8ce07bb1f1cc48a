// Installs what the host and end-to-end suites need, once, outside the extension's own dependencies:
// Debian's chromium (and the two packages code-server's native modules build against), and
// code-server pinned into .tools/code-server. Reused when already there at the right version.
// Run directly (`tsx test/host/install.ts`) or through ensureHostTools() from the runners.
// Each step is here because the install was seen to fail without it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath, codeServerDir, codeServerEntry, codeServerPackageJson, codeServerVersion } from './harness/paths';
import { runToEnd } from './harness/processes';

const aptPackages = ['libkrb5-dev', 'ripgrep', 'chromium'];
// @vscode/ripgrep@1.15.11 (a code-server dependency) downloads this from GitHub in its postinstall
// unless it finds it in its cache folder; we put Debian's rg there instead.
const ripgrepCache = { version: '1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };

function installedCodeServerVersion(): string | undefined {
  if (!existsSync(codeServerPackageJson) || !existsSync(codeServerEntry)) return undefined;
  return (JSON.parse(readFileSync(codeServerPackageJson, 'utf8')) as { version?: string }).version;
}

function missingAptPackages(): string[] {
  return aptPackages.filter((name) => {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: 'pipe' });
      return !status.includes('install ok installed');
    } catch {
      return true;
    }
  });
}

async function ensureAptPackages(): Promise<void> {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`[install] apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runToEnd('apt-get', ['update', '-qq'], { env });
  await runToEnd('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

function ensureRipgrepCache(tmpDir: string): void {
  const dir = path.join(tmpDir, `vscode-ripgrep-cache-${ripgrepCache.version}`);
  const tarball = path.join(dir, ripgrepCache.file);
  if (existsSync(tarball)) return;
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-czf', tarball, '-C', '/usr/bin', 'rg']);
}

async function ensureCodeServer(): Promise<void> {
  const found = installedCodeServerVersion();
  if (found === codeServerVersion) return;
  console.log(
    `[install] code-server ${codeServerVersion} into ${path.relative(process.cwd(), codeServerDir) || codeServerDir}` +
      (found ? ` (replacing ${found})` : ''),
  );
  const started = Date.now();
  const tmpDir = os.tmpdir();
  ensureRipgrepCache(tmpDir);
  mkdirSync(codeServerDir, { recursive: true });
  writeFileSync(
    path.join(codeServerDir, 'package.json'),
    JSON.stringify(
      { name: 'panopto-host-tools', private: true, description: 'Installed by test/host/install.ts; not part of the extension.' },
      null,
      2,
    ),
  );
  await runToEnd('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${codeServerVersion}`], {
    cwd: codeServerDir,
    env: {
      ...process.env,
      TMPDIR: tmpDir,
      npm_config_unsafe_perm: 'true', // root: let the native postinstalls run as root
      npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`; ~/.npmrc may say yes=false
    },
  });
  if (installedCodeServerVersion() !== codeServerVersion) {
    throw new Error(`code-server ${codeServerVersion} did not install into ${codeServerDir}`);
  }
  console.log(`[install] code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Makes sure chromium and code-server are installed; cheap when they already are. */
export async function ensureHostTools(): Promise<void> {
  await ensureAptPackages();
  if (!existsSync(chromiumPath)) throw new Error(`No browser at ${chromiumPath} after installing chromium`);
  await ensureCodeServer();
}

if (require.main === module) {
  const started = Date.now();
  ensureHostTools().then(
    () => console.log(`[install] host tools ready (${Math.round((Date.now() - started) / 1000)} s)`),
    (error: unknown) => {
      console.error(`[install] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
