// Everything one dev server knows about uploads: the sessionUpload objects, their upload targets,
// the files that arrived, and the multipart uploads still open. Files live on disk under `root`.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PartDrops, UploadOutage } from './connectionFaults';

/** Panopto's integer SessionUpload states (docs/panopto.md#upload-states). */
export const UploadState = {
  Uploading: 0,
  UploadComplete: 1,
  UploadCancelled: 2,
  Processing: 3,
  Complete: 4,
  ProcessingError: 5,
  DeletingFiles: 6,
  Deleted: 7,
  DeletingError: 8,
} as const;
export type UploadStateValue = (typeof UploadState)[keyof typeof UploadState];

/** The wire object, PascalCase with Panopto's `ID` casing. */
export interface SessionUploadObject {
  ID: string;
  FolderId: string;
  SessionId: string | null;
  UploadTarget: string;
  State: UploadStateValue;
  MessageID: number;
  Message: string | null;
}

export interface StoredFile {
  name: string;
  path: string;
  size: number;
  sha256: string;
}

export interface OpenPart {
  path: string;
  size: number;
  etag: string;
  /** ISO time the part arrived (ListParts' LastModified). */
  lastModified: string;
  /** Checksum headers sent with the part (x-amz-checksum-crc32 → value), listed back by ListParts. */
  checksums: Record<string, string>;
}

export interface OpenMultipart {
  uploadId: string;
  fileName: string;
  parts: Map<number, OpenPart>;
  createdAt: number;
}

export interface UploadTargetRecord {
  guid: string;
  dir: string;
  sessionUploadId: string;
  files: Map<string, StoredFile>;
  multiparts: Map<string, OpenMultipart>;
  /** Completed multipart uploads whose parts are still being joined into the file, by file name. */
  assembling: Map<string, Promise<void>>;
}

export interface SessionUploadRecord {
  object: SessionUploadObject;
  ownerUserId: string;
  ownerUserName: string;
  targetGuid: string;
  timers: NodeJS.Timeout[];
  /** When its target last saw a request start or end (epoch ms); unfinished uploads expire after uploadExpiryMs idle. */
  lastActivityAt: number;
  /** Target requests in flight: an upload is never idle while one runs. */
  inFlight: number;
  /** When it expired (State 6), if it did. */
  expiredAt?: number;
}

/** What `GET /__dev/uploads` shows, so tests in any process can check what reached the server. */
export interface UploadsSnapshot {
  sessionUploads: SessionUploadObject[];
  openMultipartUploads: { target: string; uploadId: string; fileName: string; parts: number[] }[];
  files: { target: string; sessionUploadId: string; name: string; size: number; sha256: string }[];
  targetRequests: number;
  targetRequestsWithAuthorization: number;
}

export class UploadStore {
  readonly sessionUploads = new Map<string, SessionUploadRecord>();
  readonly targets = new Map<string, UploadTargetRecord>();
  /** Which part PUTs lose their connection (dropConnectionOnPart, dropPartProbability). */
  readonly partDrops = new PartDrops();
  /** The upload API's outage window (uploadOutageMs). */
  readonly outage = new UploadOutage();
  /** Requests to upload targets, and how many carried an Authorization header (the target ignores it; a client need not send it). */
  targetRequests = 0;
  targetRequestsWithAuthorization = 0;

  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  createSessionUpload(baseUrl: string, folderId: string, owner: { userId: string; userName: string }): SessionUploadRecord {
    const id = randomUUID();
    // The target GUID differs from ID, as on real Panopto: clients must use UploadTarget, not build it.
    const guid = randomUUID();
    const dir = join(this.root, guid);
    mkdirSync(dir, { recursive: true });
    this.targets.set(guid, { guid, dir, sessionUploadId: id, files: new Map(), multiparts: new Map(), assembling: new Map() });
    const record: SessionUploadRecord = {
      object: {
        ID: id,
        FolderId: folderId,
        SessionId: null,
        UploadTarget: `${baseUrl}/Panopto/Upload/${guid}`,
        State: UploadState.Uploading,
        MessageID: 0,
        Message: null,
      },
      ownerUserId: owner.userId,
      ownerUserName: owner.userName,
      targetGuid: guid,
      timers: [],
      lastActivityAt: Date.now(),
      inFlight: 0,
    };
    this.sessionUploads.set(id, record);
    return record;
  }

  /** After processing, the raw files are no longer needed: free the disk, keep what was received (size, sha256). */
  releaseTargetFiles(guid: string): void {
    const target = this.targets.get(guid);
    if (target) {
      rmSync(target.dir, { recursive: true, force: true });
    }
  }

  /** Drops every open multipart upload and stored file of a target (cancel). */
  discardTargetFiles(guid: string): void {
    const target = this.targets.get(guid);
    if (!target) {
      return;
    }
    target.multiparts.clear();
    target.assembling.clear();
    target.files.clear();
    rmSync(target.dir, { recursive: true, force: true });
    mkdirSync(target.dir, { recursive: true });
  }

  /** Resolves once every completed multipart upload has been joined into its file. */
  async settled(target?: UploadTargetRecord): Promise<void> {
    const targets = target ? [target] : [...this.targets.values()];
    await Promise.all(targets.flatMap((t) => [...t.assembling.values()]));
  }

  snapshot(): UploadsSnapshot {
    const snap: UploadsSnapshot = {
      sessionUploads: [],
      openMultipartUploads: [],
      files: [],
      targetRequests: this.targetRequests,
      targetRequestsWithAuthorization: this.targetRequestsWithAuthorization,
    };
    for (const record of this.sessionUploads.values()) {
      snap.sessionUploads.push({ ...record.object });
    }
    for (const target of this.targets.values()) {
      for (const mp of target.multiparts.values()) {
        snap.openMultipartUploads.push({
          target: target.guid,
          uploadId: mp.uploadId,
          fileName: mp.fileName,
          parts: [...mp.parts.keys()].sort((a, b) => a - b),
        });
      }
      for (const file of target.files.values()) {
        snap.files.push({
          target: target.guid,
          sessionUploadId: target.sessionUploadId,
          name: file.name,
          size: file.size,
          sha256: file.sha256,
        });
      }
    }
    return snap;
  }
}
