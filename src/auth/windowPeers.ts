// Keeps the windows of one user in step where SecretStorage does not: code-server (and other
// browser workbenches) keep secrets in the browser (localStorage 'secrets.provider'), which every
// tab reads ONCE when it loads and rewrites whole on each store. So window B never sees window A's
// sign-in, rotation or sign-out, secrets.onDidChange fires only in the window that wrote, and B's
// next write even puts its stale copy back. A refresh lease kept there is invisible to the other
// window, so both renew with the same rotating refresh token and the site revokes the grant.
//
// What the extension hosts of one user do share is the file system of the machine they run on:
//   <dir>/generation      {"generation":n,"writer":"<socket path>"}, rewritten after each change of
//                         the sessions; every window watches it (fs.watch). No secret in it.
//   <dir>/leases/<key>    the refresh leases (refresher.ts): an owner id and an expiry, no secret.
// The sessions themselves travel in memory: the window that wrote serves them on a Unix socket
// (mode 0600 in a 0700 folder, so only this OS user, who can read the extension host anyway), and
// a window that sees a new generation fetches them and stores them in its own SecretStorage, which
// fires its onDidChange and so the registry's re-read (sessionRegistry.ts).
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { readFile, rename, rm, writeFile, chmod } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { errorMessage } from '../util/errorMessage';
import type { Log } from '../util/log';
import { Emitter, type Disposable } from './events';
import { clientSecretKey, type SiteIdentity } from './clientSecrets';
import type { SecretStore } from './secretStore';
import { classifyKey, INDEX_KEY, sessionKey } from './tokenStore';

export interface WindowPeersOptions {
  /** This window's SecretStorage (in a browser workbench: this tab's copy). */
  inner: SecretStore;
  /** A folder every window of the user sees (context.globalStorageUri on the extension host). */
  dir: string;
  log: Log;
  /** Where the sockets go; short, since a Unix socket path is limited to ~107 bytes. */
  socketRoot?: string;
}

export interface WindowPeers extends SecretStore, Disposable {
  /** Resolves when this window has taken the newest sessions another window announced at start-up. */
  readonly ready: Promise<void>;
}

interface Generation {
  generation: string;
  writer: string;
}

const SNAPSHOT_TIMEOUT_MS = 3000;
const CLIENT_SECRET_PREFIX = clientSecretKey({ serverUrl: '', clientId: '' }).slice(0, -1);

function isSessionState(key: string): boolean {
  const kind = classifyKey(key).kind;
  return kind === 'index' || kind === 'session';
}

function isShared(key: string): boolean {
  return isSessionState(key) || key.startsWith(CLIENT_SECRET_PREFIX);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function fetchSnapshot(socketPath: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = createConnection(socketPath);
    const timer = setTimeout(() => socket.destroy(new Error('no answer from the other window')), SNAPSHOT_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export function createWindowPeers(options: WindowPeersOptions): WindowPeers {
  const { inner, dir, log } = options;
  const leaseDir = path.join(dir, 'leases');
  const generationFile = path.join(dir, 'generation');
  mkdirSync(leaseDir, { recursive: true, mode: 0o700 });
  const imported = new Emitter<{ key: string }>();
  let lastSeen: string | undefined;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  /** What this window holds of the shared keys: the index and every session it lists. */
  const snapshot = async (): Promise<Record<string, string>> => {
    const entries: Record<string, string> = {};
    const index = await inner.get(INDEX_KEY);
    if (index === undefined) return entries;
    entries[INDEX_KEY] = index;
    const ids = (JSON.parse(index) as { ids?: unknown }).ids;
    for (const id of Array.isArray(ids) ? ids : []) {
      if (typeof id !== 'string') continue;
      const value = await inner.get(sessionKey(id));
      if (value === undefined) continue;
      entries[sessionKey(id)] = value;
      // The site's client secret goes with its sessions: the window that renews next needs it.
      const site = JSON.parse(value) as SiteIdentity;
      const secret = await inner.get(clientSecretKey(site));
      if (secret !== undefined) entries[clientSecretKey(site)] = secret;
    }
    return entries;
  };

  // This window's socket opens with its first announcement, not at start-up (bench figure 6): other
  // windows connect only to the writer a generation names, and until it writes one nobody asks.
  let socketPath: string | undefined;
  let server: Server | undefined;
  let listening: Promise<string | undefined> | undefined;
  /** The path other windows fetch this window's sessions from, once it listens; undefined when it cannot. */
  const listen = (): Promise<string | undefined> =>
    (listening ??= new Promise((resolve) => {
      try {
        const socketDir = path.join(
          options.socketRoot ?? os.tmpdir(),
          `panopto-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`,
        );
        mkdirSync(socketDir, { recursive: true, mode: 0o700 });
        const own = path.join(socketDir, `${randomUUID().slice(0, 8)}.sock`);
        socketPath = own;
        server = createServer((socket) => {
          socket.on('error', () => undefined);
          snapshot().then(
            (entries) => socket.end(JSON.stringify(entries)),
            () => socket.destroy(),
          );
        });
        server.on('error', (error) => {
          log.warn(`Sharing sign-ins with other windows is off: ${errorMessage(error)}`);
          resolve(undefined);
        });
        server.listen(own, () => {
          void chmod(own, 0o600).catch(() => undefined);
          resolve(own);
        });
      } catch (error) {
        log.warn(`Sharing sign-ins with other windows is off: ${errorMessage(error)}`);
        resolve(undefined);
      }
    }));

  /** Takes the other window's sessions into this window's store (without announcing them again). */
  const adopt = async (entries: Record<string, string>): Promise<void> => {
    const before = await snapshot();
    for (const [key, value] of Object.entries(entries)) {
      if (isShared(key) && before[key] !== value) await inner.store(key, value);
    }
    for (const key of Object.keys(before)) {
      if (isSessionState(key) && !(key in entries)) await inner.delete(key);
    }
    // The store fires onDidChange for its own writes in VS Code; say it here too for any that does not.
    imported.fire({ key: INDEX_KEY });
  };

  const pull = async (): Promise<void> => {
    const text = await readText(generationFile);
    if (text === undefined || text === lastSeen || disposed) return;
    lastSeen = text;
    let announced: Generation;
    try {
      announced = JSON.parse(text) as Generation;
    } catch {
      return; // half-written by a writer without rename: the next event brings the whole
    }
    if (announced.writer === socketPath) return;
    try {
      await adopt(await fetchSnapshot(announced.writer));
    } catch (error) {
      log.info(`Could not take another window's Panopto sign-in state: ${errorMessage(error)}`);
    }
  };

  let pulling: Promise<void> = Promise.resolve();
  const pullInOrder = () => (pulling = pulling.then(pull, pull));

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, (_event, name) => {
      if (name === null || name === 'generation') void pullInOrder();
    });
  } catch (error) {
    log.warn(`Cannot watch for other windows' sign-ins: ${errorMessage(error)}`);
  }

  let announcePending = false;
  const writeGeneration = async (): Promise<void> => {
    clearTimeout(announceTimer);
    announcePending = false;
    if (disposed) return;
    const writer = await listen();
    if (writer === undefined || disposed) return;
    const text = JSON.stringify({ generation: randomUUID(), writer } satisfies Generation);
    lastSeen = text;
    await writeAtomically(generationFile, text).catch((error: unknown) => log.warn(`Could not tell other windows: ${errorMessage(error)}`));
  };
  const announce = () => {
    clearTimeout(announceTimer);
    announcePending = true;
    // One announcement per change of the sessions (a sign-in writes the session, then the index).
    announceTimer = setTimeout(() => void writeGeneration(), 30);
  };

  const leaseFile = (key: string) => path.join(leaseDir, encodeURIComponent(key));

  return {
    ready: pullInOrder(),
    ...(inner.keys ? { keys: () => inner.keys?.() ?? Promise.resolve([]) } : {}),
    async get(key) {
      if (classifyKey(key).kind !== 'lease') return inner.get(key);
      // Take the newest sessions first: a window must not see a lease released before it holds
      // the token renewed under that lease, or it would renew again with the spent refresh token.
      await pullInOrder();
      return readText(leaseFile(key));
    },
    async store(key, value) {
      if (classifyKey(key).kind === 'lease') return writeAtomically(leaseFile(key), value);
      await inner.store(key, value);
      if (isShared(key)) announce();
    },
    async delete(key) {
      if (classifyKey(key).kind === 'lease') {
        // Announce the renewed session before releasing the lease (see get).
        if (announcePending) await writeGeneration();
        return rm(leaseFile(key), { force: true });
      }
      await inner.delete(key);
      if (isShared(key)) announce();
    },
    onDidChange(listener) {
      const a = inner.onDidChange(listener);
      const b = imported.event(listener);
      return { dispose: () => (a.dispose(), b.dispose()) };
    },
    dispose() {
      disposed = true;
      clearTimeout(announceTimer);
      watcher?.close();
      server?.close();
      imported.dispose();
      if (socketPath) void rm(socketPath, { force: true }).catch(() => undefined);
    },
  };
}
