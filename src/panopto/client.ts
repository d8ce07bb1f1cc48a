// The authorized HTTP client for Panopto's JSON APIs (REST v1 and the legacy PublicAPI/REST used
// by uploads), over undici. It owns the three things every call needs and no caller should repeat:
// - the bearer token from the AccessSource, and one forced refresh and one retry where the token can
//   be what was refused: REST v1's 401, and the upload API's 403 (PublicAPI/REST says 403 for an
//   expired token; REST v1's 403 means "no permission", which a new token does not change:
//   docs/panopto.md#expiry-and-retries). At most one refresh per refused token;
// - bounded exponential backoff with jitter on 429 and 5xx, honouring Retry-After (src/util/retry.ts);
// - validation of every answer with zod, so a malformed answer becomes a PanoptoError naming the
//   endpoint instead of a crash further up.
// Paging (docs/panopto.md#paging): pageNumber from 0 until a page with empty Results, with a page limit so a server
// that never ends cannot hang us.
import type { Dispatcher } from 'undici';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { AccessSource, PanoptoAccess } from './access';
import { PanoptoError, PanoptoHttpError, PanoptoMalformedResponseError, PanoptoNetworkError, PanoptoTooManyPagesError } from './errors';
import { apiErrorSchema, listResponseSchema } from './wire';
import { isRetryableStatus, parseRetryAfter, retryPolicy, withRetry, type RetryPolicy } from '../util/retry';
import { lazy } from '../vendor/lazy';
import { vendor } from '../vendor/load';
import { registerSecret, type Log } from '../util/log';

export const API_V1 = '/Panopto/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type QueryValue = string | number | boolean | undefined;

export interface JsonRequest<T> {
  method?: HttpMethod;
  /** Path on the site, starting with '/', e.g. `/Panopto/api/v1/folders/…` or `/Panopto/PublicAPI/REST/sessionUpload`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON with `content-type: application/json`. */
  body?: unknown;
  /** Sent as given instead of `body`, e.g. a multipart form (captions.ts). */
  rawBody?: { contentType: string; data: Uint8Array };
  /** Validates the answer. An empty body is validated as `undefined`. */
  schema: z.core.$ZodType<T>;
  /** How errors name the call; defaults to `METHOD path`. */
  endpoint?: string;
  signal?: AbortSignal;
  /**
   * Whether 5xx and network failures may be retried. Defaults to true except for POST, where a
   * retry could create a second object. 429 is always retried (the server did not act on it).
   */
  idempotent?: boolean;
}

export interface PanoptoClientOptions {
  access: AccessSource;
  log?: Log;
  retry?: Partial<RetryPolicy>;
  /** A list stops with an error after this many non-empty pages. */
  maxPages?: number;
  /** Per-request timeout for headers and for the body, in ms. */
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

export const DEFAULT_MAX_PAGES = 500;

/** Refused tokens remembered with their refresh; older ones have long been replaced. */
const REMEMBERED_REFRESHES = 8;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export class PanoptoClient {
  private readonly policy: RetryPolicy;
  private readonly maxPages: number;
  private readonly timeoutMs: number;
  /** Refreshes made after a refusal, by the refused token (a few, newest last): one per token. */
  private readonly refreshes = new Map<string, Promise<PanoptoAccess>>();

  constructor(private readonly options: PanoptoClientOptions) {
    this.policy = retryPolicy(options.retry);
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /**
   * One authorized JSON request with a refresh when refused (tokenMayBeTheCause) and backoff.
   * Resolves to the validated body of a 2xx answer; rejects with a PanoptoError (or the AccessSource's NotSignedInError).
   */
  async requestJson<T>(req: JsonRequest<T>): Promise<T> {
    return (await this.requestWithHeaders(req)).body;
  }

  /** requestJson, with the answer's headers too (the legacy sign-in's cookies, captions.ts). */
  async requestWithHeaders<T>(req: JsonRequest<T>): Promise<{ body: T; headers: RawAnswer['headers'] }> {
    const method = req.method ?? 'GET';
    const endpoint = req.endpoint ?? `${method} ${req.path}`;
    const idempotent = req.idempotent ?? method !== 'POST';
    let attempts = 0;
    let access = await this.getAccess(false);
    let refreshed = false;

    const answer = await withRetry(
      async () => {
        for (;;) {
          attempts++;
          const raw = await this.send(access, method, req, endpoint);
          if (!refreshed && tokenMayBeTheCause(raw.status, req.path)) {
            // The token may have expired (or been revoked) since we got it: one fresh token, one retry.
            refreshed = true;
            this.options.log?.info(`${endpoint} answered ${raw.status}; refreshing the token and retrying once`);
            access = await this.refreshAfterRejection(access);
            continue;
          }
          if (raw.status < 200 || raw.status > 299) {
            throw new PanoptoHttpError(endpoint, raw.status, serverMessage(raw.text), retryAfter(raw), attempts);
          }
          return raw;
        }
      },
      (error) => {
        if (error instanceof PanoptoHttpError && error.status !== undefined && isRetryableStatus(error.status)) {
          return { retry: error.status === 429 || idempotent, retryAfterMs: error.retryAfterMs };
        }
        return { retry: error instanceof PanoptoNetworkError && idempotent };
      },
      {
        policy: this.policy,
        signal: req.signal,
        onRetry: (error, delayMs) => this.options.log?.warn(`${describeError(error)} Retrying in ${delayMs} ms.`),
      },
    );

    return { body: parseBody(answer, req.schema, endpoint), headers: answer.headers };
  }

  /** The site requests go to now (no trailing slash), to check the URLs its answers carry. */
  async site(): Promise<string> {
    return (await this.getAccess(false)).serverUrl.replace(/\/+$/, '');
  }

  /** One page (0-based) of a Panopto list endpoint, validated item by item. */
  async getPage<T>(
    path: string,
    item: z.core.$ZodType<T>,
    pageNumber: number,
    query: Record<string, QueryValue> = {},
    signal?: AbortSignal,
  ): Promise<T[]> {
    const page = await this.requestJson({
      path,
      query: { ...query, pageNumber },
      schema: listResponseSchema(item),
      endpoint: `GET ${path}`,
      signal,
    });
    return page.Results;
  }

  /** Every item of a list endpoint: pages from 0 until an empty one (or the page limit). */
  async getAllPages<T>(path: string, item: z.core.$ZodType<T>, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T[]> {
    const all: T[] = [];
    for (let pageNumber = 0; ; pageNumber++) {
      if (pageNumber >= this.maxPages) {
        throw new PanoptoTooManyPagesError(`GET ${path}`, this.maxPages);
      }
      const page = await this.getPage(path, item, pageNumber, query, signal);
      if (page.length === 0) {
        return all;
      }
      all.push(...page);
    }
  }

  /** The page limit, for callers that page themselves (the tree's "Load more…"). */
  get pageLimit(): number {
    return this.maxPages;
  }

  /**
   * A fresh token after `stale` was refused. Parallel requests (a tree loads several pages at once)
   * that were refused with the same token share one refresh, and a request that comes back with a
   * token already replaced uses the replacement: one expiry costs one refresh, not one per request.
   */
  private refreshAfterRejection(stale: PanoptoAccess): Promise<PanoptoAccess> {
    const known = this.refreshes.get(stale.accessToken);
    if (known) {
      return known;
    }
    const fresh = this.getAccess(true);
    this.refreshes.set(stale.accessToken, fresh);
    if (this.refreshes.size > REMEMBERED_REFRESHES) {
      this.refreshes.delete(this.refreshes.keys().next().value as string);
    }
    fresh.catch(() => {
      // A failed refresh is not remembered: the next refusal tries again.
      if (this.refreshes.get(stale.accessToken) === fresh) {
        this.refreshes.delete(stale.accessToken);
      }
    });
    return fresh;
  }

  private async getAccess(forceRefresh: boolean): Promise<PanoptoAccess> {
    const access = await this.options.access.getAccess(forceRefresh ? { forceRefresh } : undefined);
    registerSecret(access.accessToken);
    return access;
  }

  private async send(access: PanoptoAccess, method: HttpMethod, req: JsonRequest<unknown>, endpoint: string): Promise<RawAnswer> {
    const url = buildUrl(access.serverUrl, req.path, req.query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${access.accessToken}`,
      accept: 'application/json',
    };
    let body: string | Uint8Array | undefined;
    if (req.rawBody) {
      headers['content-type'] = req.rawBody.contentType;
      body = req.rawBody.data;
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    try {
      const response = await vendor().request(url, {
        method,
        headers,
        body,
        signal: req.signal,
        dispatcher: this.options.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await response.body.text();
      this.options.log?.debug(`${endpoint}${describeQuery(req.query)} → ${response.statusCode}`);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (req.signal?.aborted) {
        throw req.signal.reason ?? error;
      }
      throw new PanoptoNetworkError(endpoint, networkDetail(error));
    }
  }
}

/** Where the legacy upload API lives: its 403 can mean an expired token (docs/panopto.md#expiry-and-retries). */
export const PUBLIC_API_REST = '/Panopto/PublicAPI/REST/';

/** Whether a refusal can be the token's fault, so that a new token could change the answer. */
export function tokenMayBeTheCause(status: number, path: string): boolean {
  return status === 401 || (status === 403 && path.startsWith(PUBLIC_API_REST));
}

/**
 * `serverUrl` + `path` + the defined query values, percent-encoded. Built as a string rather than
 * through `new URL` and `searchParams`, which cost more than the rest of a page's bookkeeping (one
 * call per page of a listing); the site URL was parsed and checked when the account was added, and
 * callers encode path segments themselves (folders.ts).
 */
function buildUrl(serverUrl: string, path: string, query: Record<string, QueryValue> | undefined): string {
  let url = (serverUrl.endsWith('/') ? serverUrl.replace(/\/+$/, '') : serverUrl) + path;
  let separator = path.includes('?') ? '&' : '?';
  for (const key in query) {
    const value = query[key];
    if (value !== undefined) {
      url += `${separator}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
      separator = '&';
    }
  }
  return url;
}

function describeQuery(query: Record<string, QueryValue> | undefined): string {
  const entries = Object.entries(query ?? {}).filter(([, v]) => v !== undefined);
  return entries.length ? ` ?${entries.map(([k, v]) => `${k}=${String(v)}`).join('&')}` : '';
}

function retryAfter(raw: RawAnswer): number | undefined {
  return parseRetryAfter(raw.headers['retry-after']);
}

/** Panopto's APIError message, if the body is one; never the raw body (it may be an HTML page). */
function serverMessage(text: string): string | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const parsed = z.safeParse(apiErrorSchema(), JSON.parse(text));
    // Panopto's own words, but text from the server all the same: one short line in the message.
    const message = parsed.success ? parsed.data.Error.Message?.replace(/\s+/g, ' ').trim() : undefined;
    return message ? (message.length > 200 ? `${message.slice(0, 200)}…` : message) : undefined;
  } catch {
    return undefined;
  }
}

// zod/mini ships no messages (every issue would read "Invalid input"); the English locale is loaded
// here, per parse rather than globally, so a malformed answer still says what was expected and found.
// Made on the first answer, not at activation.
const englishMessages = lazy(() => en().localeError);

function parseBody<T>(raw: RawAnswer, schema: z.core.$ZodType<T>, endpoint: string): T {
  let value: unknown;
  if (raw.text.trim() !== '') {
    try {
      value = JSON.parse(raw.text);
    } catch {
      const type = contentType(raw);
      throw new PanoptoMalformedResponseError(endpoint, `not JSON${type ? `, content-type ${type}` : ''}`, raw.status);
    }
  }
  const result = z.safeParse(schema, value, { error: englishMessages() });
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : 'body';
    throw new PanoptoMalformedResponseError(endpoint, `${where}: ${issue?.message ?? 'invalid'}`, raw.status);
  }
  return result.data;
}

function contentType(raw: RawAnswer): string | undefined {
  const header = raw.headers['content-type'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(';')[0]?.trim() || undefined;
}

function networkDetail(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function describeError(error: unknown): string {
  return error instanceof PanoptoError || error instanceof Error ? error.message : String(error);
}
