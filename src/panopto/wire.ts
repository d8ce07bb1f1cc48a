// Panopto's JSON as it arrives (PascalCase, docs/panopto.md#shapes), its validation, and the mapping to
// the camelCase shapes the rest of the extension uses (the exported API's own: src/apiFactory.ts). Only this file knows
// Panopto's field names. Schemas accept what the spec leaves optional or nullable and drop unknown
// fields, so a newer server adding fields does not break us, while a missing Id or Name does.
// The schemas are made on first use (activation makes no request, so it should not build them).
import * as z from 'zod/mini';
// Named import: reaching it as `z.core.$ZodObjectJIT` would keep all of zod's core in the bundle.
import { $ZodObjectJIT } from 'zod/v4/core';
import * as l10n from '@vscode/l10n';
import type { Folder, Session, SessionDetails } from '../api';
import { lazy } from '../vendor/lazy';
import { PanoptoInputError } from './serviceErrors';
import { compact } from '../util/compact';

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

/** The fields a listed session and a session's details share; they differ only in Urls (and Context). */
function sessionFields() {
  return {
    Id: nonEmpty(),
    Name: z.string(),
    Description: z.nullish(z.string()),
    StartTime: z.nullish(z.string()),
    Duration: z.nullish(z.number()),
    /** The only property the spec marks required. */
    Folder: nonEmpty(),
    FolderDetails: z.nullish(fastObject({ Id: nonEmpty(), Name: z.nullish(z.string()) })),
  };
}

export const wireSessionSchema = lazy(() =>
  fastObject({
    ...sessionFields(),
    /** Listings keep ViewerUrl; `/sessions/search` adds ThumbnailUrl (docs/panopto.md#search). */
    Urls: z.nullish(fastObject({ ViewerUrl: z.nullish(z.string()), ThumbnailUrl: z.nullish(z.string()) })),
    /** `/sessions/search?includeFields=Context`: the matching text and where it is (seconds). */
    Context: z.nullish(z.array(fastObject({ Text: z.nullish(z.string()), Time: z.nullish(z.number()) }))),
  }),
);
export type WireSession = z.infer<ReturnType<typeof wireSessionSchema>>;

/** `GET /sessions/{id}` and the answer of `PUT /sessions/{id}`: every URL, each null when not allowed. */
export const wireSessionDetailsSchema = lazy(() =>
  fastObject({
    ...sessionFields(),
    Urls: z.nullish(
      fastObject({
        ViewerUrl: z.nullish(z.string()),
        EmbedUrl: z.nullish(z.string()),
        ShareSettingsUrl: z.nullish(z.string()),
        CaptionDownloadUrl: z.nullish(z.string()),
        EditorUrl: z.nullish(z.string()),
        ThumbnailUrl: z.nullish(z.string()),
      }),
    ),
  }),
);
export type WireSessionDetails = z.infer<ReturnType<typeof wireSessionDetailsSchema>>;

/** The answer of a DELETE: the id as a JSON string (docs/panopto.md#changing-folders-and-sessions); anything else is ignored, not refused. */
export const deletedAnswerSchema = lazy(() => z.unknown());

/** A folder with what the tree shows beyond the API's contract shape. */
export interface FolderInfo extends Folder {
  description?: string;
  /** The parent's name as Panopto sent it (tells apart search results with the same name). */
  parentName?: string;
}

/** Where a search matched inside a recording (its captions), when Panopto says. */
export interface SessionMatch {
  text: string;
  /** Seconds from the start. */
  timeSeconds?: number;
}

/** A session with what the tree and search show beyond the API's contract shape. */
export interface SessionInfo extends Session {
  description?: string;
  folderName?: string;
  /** Only from a search over every folder. */
  matches?: SessionMatch[];
}

function text(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
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
  const matches = wire.Context?.flatMap((c) => (c.Text ? [compact({ text: c.Text, timeSeconds: c.Time ?? undefined })] : []));
  return compact({
    id: wire.Id,
    name: wire.Name,
    folderId: wire.Folder,
    viewerUrl: text(wire.Urls?.ViewerUrl),
    thumbnailUrl: text(wire.Urls?.ThumbnailUrl),
    description: text(wire.Description),
    folderName: text(wire.FolderDetails?.Name),
    startTime: text(wire.StartTime),
    durationSeconds: wire.Duration ?? undefined,
    matches: matches?.length ? matches : undefined,
  });
}

export function toSessionDetails(wire: WireSessionDetails): SessionDetails {
  const urls = wire.Urls;
  return compact({
    id: wire.Id,
    name: wire.Name,
    folderId: wire.Folder,
    description: text(wire.Description),
    folderName: text(wire.FolderDetails?.Name),
    startTime: text(wire.StartTime),
    durationSeconds: wire.Duration ?? undefined,
    viewerUrl: text(urls?.ViewerUrl),
    thumbnailUrl: text(urls?.ThumbnailUrl),
    embedUrl: text(urls?.EmbedUrl),
    editorUrl: text(urls?.EditorUrl),
    shareSettingsUrl: text(urls?.ShareSettingsUrl),
    captionDownloadUrl: text(urls?.CaptionDownloadUrl),
  });
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A folder or session id checked before it goes into a request path: Panopto's ids are GUIDs
 * (docs/panopto.md#shapes), so anything else (`..`, a slash, a query) is refused here rather than sent.
 */
export function panoptoId(value: unknown, what: 'folder' | 'session' | 'parent folder' | 'upload'): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!GUID.test(id)) {
    throw new PanoptoInputError(
      typeof value === 'string' && value.trim() !== ''
        ? l10n.t(
            '{0} is not a Panopto {1} id (a GUID such as 00000000-0000-0000-0000-000000000000).',
            JSON.stringify(value.slice(0, 60)),
            what,
          )
        : l10n.t('A Panopto {0} id is required.', what),
    );
  }
  return id.toLowerCase();
}

/**
 * A URL from an answer, kept only when it is on the signed-in site (same scheme, host and port, so
 * https, or http only where the site itself is a loopback address); anything else is dropped, so
 * a link the extension opens or fetches can only lead to the site the user signed in to.
 * A prefix test with the trailing slash: what follows the site's origin is only path and query.
 */
export function onSite(url: string | undefined, site: string): string | undefined {
  if (url === undefined || url.charCodeAt(site.length) !== 0x2f /* '/' */ || !url.startsWith(site) || UNSAFE_CHARACTER.test(url)) {
    return undefined;
  }
  return url;
}

/**
 * Whitespace, control characters or a backslash: nothing a well-formed URL from Panopto carries.
 * A regular expression rather than a loop over the characters: this runs for every URL of every
 * item of a listing (bench figure 5).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_CHARACTER = /[\u0000-\u0020\u007f\\]/;

const URL_KEYS = ['url', 'viewerUrl', 'thumbnailUrl', 'embedUrl', 'editorUrl', 'shareSettingsUrl', 'captionDownloadUrl'] as const;

/** The same object with every URL not on `site` removed (see onSite). */
export function withSiteUrls<T extends Partial<Record<(typeof URL_KEYS)[number], string>>>(value: T, site: string): T {
  let out: T | undefined;
  for (const key of URL_KEYS) {
    const url = value[key];
    if (url !== undefined && onSite(url, site) === undefined) {
      out ??= { ...value };
      delete out[key];
    }
  }
  return out ?? value;
}

/**
 * The Message of Panopto's APIError body (docs/panopto.md#errors):
 * `{ "Error": { "ErrorCode", "Message", "Success": false } }`, ErrorCode and Message string or null,
 * Success a boolean; undefined for any other body. Checked by hand rather than with a zod schema:
 * it runs for every refusal (a link check reads hundreds of 404s, bench figure 7), and there it cost
 * more than parsing the body.
 */
export function apiErrorMessage(body: unknown): string | undefined {
  const error = isRecord(body) ? body.Error : undefined;
  if (!isRecord(error) || typeof error.Success !== 'boolean' || !isNullishString(error.ErrorCode) || !isNullishString(error.Message)) {
    return undefined;
  }
  return error.Message ?? undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullishString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}
