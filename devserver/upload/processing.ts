// What happens after the client PUTs State 1: after a delay the manifest is checked; a good one
// moves the upload to Processing (3) and creates the session in the folder (visible through REST v1),
// then to Complete (4) after another delay. A bad manifest or a missing file ends in ProcessingError
// (5) with a Message saying what was wrong, as Panopto does.
import { readFile } from 'node:fs/promises';
import type { Switches } from '../switches';
import { checkManifest } from './manifestCheck';
import { UploadState, type SessionUploadRecord, type UploadStore } from './store';
import type { UploadSessions } from './sessions';

export function startProcessing(record: SessionUploadRecord, store: UploadStore, sessions: UploadSessions, switches: Switches): void {
  later(record, switches.processingDelayMs, async () => {
    const verdict = await inspect(record, store);
    if (!verdict.ok) {
      record.object.State = UploadState.ProcessingError;
      record.object.MessageID = 1;
      record.object.Message = verdict.message;
      store.releaseTargetFiles(record.targetGuid);
      return;
    }
    record.object.State = UploadState.Processing;
    record.object.SessionId = sessions.createSession({
      folderId: record.object.FolderId,
      name: verdict.title,
      description: verdict.description,
      creatorUserId: record.ownerUserId,
      creatorUserName: record.ownerUserName,
    });
    later(record, switches.processingDelayMs, async () => {
      record.object.State = UploadState.Complete;
      store.releaseTargetFiles(record.targetGuid);
    });
  });
}

function later(record: SessionUploadRecord, delayMs: number, work: () => Promise<void>): void {
  const timer = setTimeout(
    () => {
      record.timers = record.timers.filter((t) => t !== timer);
      work().catch((error: unknown) => {
        record.object.State = UploadState.ProcessingError;
        record.object.Message = `Processing failed: ${error instanceof Error ? error.message : String(error)}`;
      });
    },
    Math.max(0, delayMs),
  );
  timer.unref();
  record.timers.push(timer);
}

type Verdict = { ok: true; title: string; description?: string } | { ok: false; message: string };

async function inspect(record: SessionUploadRecord, store: UploadStore): Promise<Verdict> {
  const target = store.targets.get(record.targetGuid);
  if (!target) {
    return { ok: false, message: 'The upload target is gone.' };
  }
  await store.settled(target);
  const manifests = [...target.files.values()].filter((f) => f.name.toLowerCase().endsWith('.xml'));
  if (manifests.length === 0) {
    return { ok: false, message: 'No manifest (.xml) file was uploaded.' };
  }
  if (manifests.length > 1) {
    return { ok: false, message: `More than one manifest was uploaded: ${manifests.map((m) => m.name).join(', ')}.` };
  }
  const manifest = manifests[0];
  if (manifest.size > 1024 * 1024) {
    return { ok: false, message: `The manifest ${manifest.name} is too large to be a UCS manifest.` };
  }
  const check = checkManifest(await readFile(manifest.path, 'utf8'));
  if (!check.ok) {
    return { ok: false, message: `Invalid manifest ${manifest.name}: ${check.message}` };
  }
  for (const file of check.manifest.files) {
    const incomplete = [...target.multiparts.values()].some((mp) => mp.fileName === file);
    if (!target.files.has(file)) {
      return {
        ok: false,
        message: incomplete
          ? `The file ${file} referenced by the manifest was not completely uploaded (its multipart upload was never completed).`
          : `The file ${file} referenced by the manifest was not uploaded.`,
      };
    }
  }
  return { ok: true, title: check.manifest.title, description: check.manifest.description };
}
