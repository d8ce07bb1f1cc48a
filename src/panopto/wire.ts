// Panopto's JSON as it arrives (PascalCase, docs/panopto.md#shapes), its validation, and the mapping to
// the camelCase shapes the rest of the extension and the exported API use. Only this file knows
// Panopto's field names. Schemas accept what the spec leaves optional or nullable and drop unknown
// fields, so a newer server adding fields does not break us, while a missing Id or Name does.
// The schemas are made on first use (activation makes no request, so it should not build them).
import * as z from 'zod/mini';
// Named import: reaching it as `z.core.$ZodObjectJIT` would keep all of zod's core in the bundle.
import { $ZodObjectJIT } from 'zod/v4/core';
import type { Folder, Session } from '../api';
import { lazy } from '../vendor/lazy';

/** The zero GUID: `/folders/{zero}/children` lists the top-level folders (docs/panopto.md#the-top-level). */
export const ROOT_FOLDER_ID = '00000000-0000-0000-0000-000000000000';

const nonEmpty = lazy(() => z.string().check(z.minLength(1)));

/**
 * An object schema that parses through zod's generated fast path ($ZodObjectJIT, what the full
 * `zod` package's z.object builds on). zod/mini's z.object interprets every key of every object
 * instead, which made validation the largest cost of a folder listing beyond the requests
 * themselves (bench figure 5). Unknown keys are dropped and failures are reported as with z.object.
 */
function fastObject<S extends z.core.$ZodLooseShape>(shape: S): z.core.$ZodObject<z.core.util.Writeable<S>, z.core.$strip> {
  return new $ZodObjectJIT({ type: 'object', shape }) as unknown as z.core.$ZodObject<z.core.util.Writeable<S>, z.core.$strip>;
}

type ListResponseSchema<T extends z.core.$ZodType> = z.core.$ZodObject<{ Results: z.ZodMiniArray<T> }, z.core.$strip>;
const listSchemas = new WeakMap<z.core.$ZodType, ListResponseSchema<z.core.$ZodType>>();

/** `ListResponseOf<T>`: `{ "Results": [ … ] }`; one per item schema, kept (a listing asks for it on every page). */
export function listResponseSchema<T extends z.core.$ZodType>(item: T): ListResponseSchema<T> {
  let schema = listSchemas.get(item);
  if (!schema) {
    schema = fastObject({ Results: z.array(item) });
    listSchemas.set(item, schema);
  }
  return schema as ListResponseSchema<T>;
}

export const wireFolderSchema = lazy(() =>
  fastObject({
    Id: nonEmpty(),
    Name: z.string(),
    Description: z.nullish(z.string()),
    ParentFolder: z.nullish(fastObject({ Id: nonEmpty(), Name: z.nullish(z.string()) })),
    Urls: z.nullish(
      fastObject({
        FolderUrl: z.nullish(z.string()),
        EmbedUrl: z.nullish(z.string()),
        ShareSettingsUrl: z.nullish(z.string()),
      }),
    ),
  }),
);
export type WireFolder = z.infer<ReturnType<typeof wireFolderSchema>>;

export const wireSessionSchema = lazy(() =>
  fastObject({
    Id: nonEmpty(),
    Name: z.string(),
    Description: z.nullish(z.string()),
    StartTime: z.nullish(z.string()),
    Duration: z.nullish(z.number()),
    /** The only property the spec marks required. */
    Folder: nonEmpty(),
    FolderDetails: z.nullish(fastObject({ Id: nonEmpty(), Name: z.nullish(z.string()) })),
    Urls: z.nullish(fastObject({ ViewerUrl: z.nullish(z.string()) })),
  }),
);
export type WireSession = z.infer<ReturnType<typeof wireSessionSchema>>;

/** A folder with what the tree shows beyond the API's contract shape. */
export interface FolderInfo extends Folder {
  description?: string;
  /** The parent's name as Panopto sent it (tells apart search results with the same name). */
  parentName?: string;
}

/** A session with what the tree shows beyond the API's contract shape. */
export interface SessionInfo extends Session {
  description?: string;
  startTime?: string;
  durationSeconds?: number;
}

function text(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/**
 * Copies an object without the keys whose value is undefined (cleaner for API consumers and
 * deepEqual). A plain loop: this runs for every item of every page, and entries/filter/fromEntries
 * cost several times as much.
 */
function compact<T extends object>(value: T): T {
  const out: Partial<T> = {};
  for (const key in value) {
    if (value[key] !== undefined) {
      out[key] = value[key];
    }
  }
  return out as T;
}

export function toFolderInfo(wire: WireFolder): FolderInfo {
  return compact({
    id: wire.Id,
    name: wire.Name,
    parentId: wire.ParentFolder?.Id ?? undefined,
    url: text(wire.Urls?.FolderUrl),
    description: text(wire.Description),
    parentName: text(wire.ParentFolder?.Name),
  });
}

export function toSessionInfo(wire: WireSession): SessionInfo {
  return compact({
    id: wire.Id,
    name: wire.Name,
    folderId: wire.Folder,
    viewerUrl: text(wire.Urls?.ViewerUrl),
    description: text(wire.Description),
    startTime: text(wire.StartTime),
    durationSeconds: wire.Duration ?? undefined,
  });
}

/** The exported API's exact contract shape (no extra fields leak to other extensions). */
export function toApiFolder(folder: FolderInfo): Folder {
  return compact({ id: folder.id, name: folder.name, parentId: folder.parentId, url: folder.url });
}

export function toApiSession(session: SessionInfo): Session {
  return compact({ id: session.id, name: session.name, folderId: session.folderId, viewerUrl: session.viewerUrl });
}

/** Panopto's APIError body (docs/panopto.md#errors): `{ "Error": { "ErrorCode", "Message", "Success": false } }`. */
export const apiErrorSchema = lazy(() =>
  z.object({
    Error: z.object({
      ErrorCode: z.nullish(z.string()),
      Message: z.nullish(z.string()),
      Success: z.boolean(),
    }),
  }),
);
