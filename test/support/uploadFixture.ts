// Shared set-up for the upload tests: a dev server, a signed-in PanoptoClient, temp media files,
// streamed hashing, and the server's view of uploads (GET /__dev/uploads).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PanoptoClient } from '../../src/panopto/client';
import type { AccessSource } from '../../src/panopto/access';
import type { UploadsSnapshot } from '../../devserver/upload/store';
import type { Uploader } from '../../src/panopto/uploader';
import type { UploadResult } from '../../src/api';
import { folderIdFor, SEED_PATHS } from '../../devserver/seedFolders';
import { signInOverHttp, startTestDevServer, type DevServer } from './devServer';

export const COMP101 = folderIdFor(SEED_PATHS.comp101);
export const MIB = 1024 * 1024;

/** A tiny AccessSource: one signed-in token for the dev server. */
export async function accessFor(server: DevServer, user = 'ada'): Promise<AccessSource> {
  const { accessToken } = await signInOverHttp(server, { user, scope: 'openid api offline_access' });
  return { getAccess: async () => ({ serverUrl: server.baseUrl, accessToken }) };
}

export function clientFor(access: AccessSource): PanoptoClient {
  return new PanoptoClient({ access, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'panopto-upload-test-'));
}

/** Writes `size` bytes of varied content (each MiB differs) without holding the file in memory. */
export async function writeMediaFile(path: string, size: number): Promise<void> {
  if (size <= MIB) {
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 0xff;
    await writeFile(path, data);
    return;
  }
  const chunk = Buffer.alloc(MIB);
  for (let i = 0; i < MIB; i++) chunk[i] = (i * 131 + 17) & 0xff;
  const file = await open(path, 'w');
  try {
    for (let offset = 0, n = 0; offset < size; offset += MIB, n++) {
      chunk.writeUInt32BE(n, 0); // makes every MiB distinct, so swapped or repeated parts change the hash
      const length = Math.min(MIB, size - offset);
      await file.write(chunk, 0, length, offset);
    }
  } finally {
    await file.close();
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function uploadsOn(server: DevServer): Promise<UploadsSnapshot> {
  const res = await fetch(`${server.baseUrl}/__dev/uploads`);
  if (!res.ok) throw new Error(`GET /__dev/uploads answered ${res.status}`);
  return (await res.json()) as UploadsSnapshot;
}

/**
 * Uploads a fresh media file into COMP101 and cancels once more than 6 MiB were sent; returns the
 * result and what the server then holds for that upload (its sessionUpload, open multipart uploads
 * and stored files on its target).
 */
export async function uploadAndCancelMidway(server: DevServer, uploader: Uploader, file: string, size: number) {
  await writeMediaFile(file, size);
  const controller = new AbortController();
  const result: UploadResult = await uploader.upload({
    filePath: file,
    folderId: COMP101,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.bytesSent > 6 * MIB) controller.abort();
    },
  });
  const snapshot = await uploadsOn(server);
  const upload = snapshot.sessionUploads.find((u) => u.ID === result.uploadId);
  const target = upload?.UploadTarget.split('/').pop();
  return {
    result,
    upload,
    openMultipartUploads: snapshot.openMultipartUploads.filter((m) => m.target === target),
    files: snapshot.files.filter((f) => f.target === target),
  };
}

/** What useUploadTestBed sets up; its fields are set by `before`, so read them inside hooks and tests. */
export interface UploadTestBed {
  server: DevServer;
  access: AccessSource;
  dir: string;
}

/**
 * The setup the upload suites share: a dev server that processes uploads after 20 ms, Ada's access to
 * it and a temp directory, made once per describe and closed and removed after it.
 */
export function useUploadTestBed(): UploadTestBed {
  const bed = {} as UploadTestBed;
  before(async () => {
    bed.server = await startTestDevServer({ switches: { processingDelayMs: 20 } });
    bed.access = await accessFor(bed.server);
    bed.dir = await tempDir();
  });
  after(async () => {
    await bed.server?.close();
    await removeDir(bed.dir);
  });
  return bed;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}
