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
import type * as z from 'zod/mini';
import { abortRelayFor } from './abortRelay';
import type { AccessSource, PanoptoAccess } from './access';
import { parseAnswer, readJson, retryAfter, serverMessage, validateAnswer, type RawAnswer } from './answers';
import { PanoptoError, PanoptoHttpError, PanoptoNetworkError, PanoptoTooManyPagesError } from './errors';
import { listResponseSchema } from './wire';
import { isRetryableStatus, retryPolicy, withRetry, type RetryPolicy } from '../util/retry';
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
    const { raw } = await this.answer(req);
    return parseAnswer(raw, req.schema, req.endpoint ?? `${req.method ?? 'GET'} ${req.path}`);
  }

  /** requestJson, with the answer's headers too (the legacy sign-in's cookies, captions.ts). */
  async requestWithHeaders<T>(req: JsonRequest<T>): Promise<{ body: T; headers: RawAnswer['headers'] }> {
    const { raw } = await this.answer(req);
    return { body: parseAnswer(raw, req.schema, req.endpoint ?? `${req.method ?? 'GET'} ${req.path}`), headers: raw.headers };
  }

  /**
   * The status of a request whose answer's body nobody reads: a 2xx, or one of the refusals in
   * `answers`, returned as it is rather than thrown. The link check asks this of every link, most of
   * them gone, where building an error per 404 cost more than the rest of the request (bench figure 7).
   * A refusal outside `answers` still rejects as in requestJson, after the same refresh and retries.
   */
  async requestStatus(req: Omit<JsonRequest<unknown>, 'schema'>, answers: readonly number[]): Promise<number> {
    const { raw } = await this.answer(req, { answers });
    return raw.status;
  }

  /**
   * The 2xx answer to one authorized request, not yet read: the refresh, the retries and the HTTP
   * errors of requestJson. `access` is the token to start with (the source's current one if not
   * given); the answer comes with the token it was finally given for. `quiet` leaves out the debug
   * line (a listing writes one for all its pages); `answers` are refusals returned, not thrown.
   */
  private async answer(
    req: Omit<JsonRequest<unknown>, 'schema'>,
    options: { access?: PanoptoAccess; quiet?: boolean; answers?: readonly number[] } = {},
  ): Promise<{ raw: RawAnswer; access: PanoptoAccess }> {
    const method = req.method ?? 'GET';
    const endpoint = req.endpoint ?? `${method} ${req.path}`;
    const idempotent = req.idempotent ?? method !== 'POST';
    let attempts = 0;
    let access = options.access ?? (await this.getAccess(false));
    let refreshed = false;

    const raw = await withRetry(
      async () => {
        for (;;) {
          attempts++;
          const raw = await this.send(access, method, req, endpoint, options.quiet === true);
          if (!refreshed && tokenMayBeTheCause(raw.status, req.path)) {
            // The token may have expired (or been revoked) since we got it: one fresh token, one retry.
            refreshed = true;
            this.options.log?.info(`${endpoint} answered ${raw.status}; refreshing the token and retrying once`);
            access = await this.refreshAfterRejection(access);
            continue;
          }
          if ((raw.status < 200 || raw.status > 299) && !options.answers?.includes(raw.status)) {
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
    return { raw, access };
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

  /**
   * Every item of a list endpoint: pages from 0 until an empty one (or the page limit). Page n+1 is
   * asked for as soon as page n is read and holds items, before page n is validated and copied, so
   * that work overlaps the server's; still one request per page, each only after the page before
   * it turned out not to be empty. If page n fails validation, the answer to n+1 is ignored.
   * The pages of one listing go out with one token (the one page 0 went with, or its replacement
   * after a refusal) rather than asking the access source for each, and one debug line covers them.
   */
  async getAllPages<T>(path: string, item: z.core.$ZodType<T>, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T[]> {
    const endpoint = `GET ${path}`;
    if (this.maxPages < 1) {
      throw new PanoptoTooManyPagesError(endpoint, this.maxPages);
    }
    const schema = listResponseSchema(item);
    let access: PanoptoAccess | undefined;
    const ask = (pageNumber: number) => this.answer({ path, query: { ...query, pageNumber }, endpoint, signal }, { access, quiet: true });
    const all: T[] = [];
    let next = ask(0);
    for (let pageNumber = 0; ; pageNumber++) {
      const answer = await next;
      access = answer.access;
      const value = readJson(answer.raw, endpoint);
      const more = hasItems(value) && pageNumber + 1 < this.maxPages;
      if (more) {
        next = ask(pageNumber + 1);
        next.catch(() => undefined); // awaited next round, unless this page throws first
      }
      const page = validateAnswer(value, schema, endpoint, answer.raw.status).Results;
      if (page.length === 0) {
        this.options.log?.debug(`${endpoint}${describeQuery(query)} → ${pageNumber + 1} pages, ${all.length} items`);
        return all;
      }
      all.push(...page);
      if (!more) {
        throw new PanoptoTooManyPagesError(endpoint, this.maxPages);
      }
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

  private async send(
    access: PanoptoAccess,
    method: HttpMethod,
    req: Omit<JsonRequest<unknown>, 'schema'>,
    endpoint: string,
    quiet: boolean,
  ): Promise<RawAnswer> {
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
        signal: abortRelayFor(req.signal),
        dispatcher: this.options.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await response.body.text();
      if (!quiet) {
        this.options.log?.debug(`${endpoint}${describeQuery(req.query)} → ${response.statusCode}`);
      }
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

/** Whether a page as read (not yet validated) has a non-empty Results array. */
function hasItems(value: unknown): boolean {
  const results = (value as { Results?: unknown } | null | undefined)?.Results;
  return Array.isArray(results) && results.length > 0;
}

function describeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const entries = Object.entries(query).filter(([, v]) => v !== undefined);
  return entries.length ? ` ?${entries.map(([k, v]) => `${k}=${String(v)}`).join('&')}` : '';
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
