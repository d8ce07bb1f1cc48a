// Captions of a recording (docs/panopto.md#captions).
// - Upload: `POST /sessions/{id}/captions`, multipart/form-data with the SRT or WebVTT file and
//   `language` (a ContentLanguage name), through the client (bearer token, refresh, retries).
// - Download: REST v1 has no GET for captions. Panopto's legacy sign-in turns the bearer token into
//   its `.ASPXAUTH` cookie (`GET /auth/legacyLogin`), and the session's `CaptionDownloadUrl` answers
//   SRT to a request carrying that cookie. The cookie is a credential: it is kept per site in this
//   object's memory only, registered with the log's redaction, and sent only to URLs on that site.
import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import type { SessionDetails } from '../api';
import { API_V1, type PanoptoClient } from './client';
import { PanoptoHttpError, PanoptoMalformedResponseError, PanoptoNetworkError } from './errors';
import { explainFailure, PanoptoInputError, PanoptoNotFoundError, PanoptoPermissionError, siteLabel } from './serviceErrors';
import { deletedAnswerSchema, onSite, panoptoId } from './wire';
import { registerSecret } from '../util/log';
import { vendor } from '../vendor/load';

/**
 * Panopto's ContentLanguage enum, in the order of its API document: the caption download's
 * `language=N` is the position here (0 = English_USA), the upload takes the name.
 */
export const CAPTION_LANGUAGES = [
  { id: 'English_USA', label: 'English (United States)' },
  { id: 'English_GBR', label: 'English (United Kingdom)' },
  { id: 'Spanish_MEX', label: 'Spanish (Mexico)' },
  { id: 'Spanish_ESP', label: 'Spanish (Spain)' },
  { id: 'German', label: 'German' },
  { id: 'French', label: 'French' },
  { id: 'Dutch', label: 'Dutch' },
  { id: 'Thai', label: 'Thai' },
  { id: 'Chinese_Simplified', label: 'Chinese (Simplified)' },
  { id: 'Chinese_Traditional', label: 'Chinese (Traditional)' },
  { id: 'Korean', label: 'Korean' },
  { id: 'Japanese', label: 'Japanese' },
  { id: 'Russian', label: 'Russian' },
  { id: 'Portuguese', label: 'Portuguese' },
  { id: 'Polish', label: 'Polish' },
  { id: 'English_AUS', label: 'English (Australia)' },
  { id: 'Danish', label: 'Danish' },
  { id: 'Finnish', label: 'Finnish' },
  { id: 'Hungarian', label: 'Hungarian' },
  { id: 'Norwegian', label: 'Norwegian' },
  { id: 'Swedish', label: 'Swedish' },
  { id: 'Italian', label: 'Italian' },
  { id: 'Welsh', label: 'Welsh' },
  { id: 'Catalan', label: 'Catalan' },
  { id: 'Galician', label: 'Galician' },
  { id: 'Basque', label: 'Basque' },
  { id: 'Arabic', label: 'Arabic' },
  { id: 'Hindi', label: 'Hindi' },
  { id: 'French_CAN', label: 'French (Canada)' },
  { id: 'Hebrew', label: 'Hebrew' },
  { id: 'Vietnamese', label: 'Vietnamese' },
] as const;

export type CaptionLanguage = (typeof CAPTION_LANGUAGES)[number]['id'];

export interface CaptionFile {
  /** The file's name; its extension says the format (`.srt` or `.vtt`). */
  name: string;
  data: Uint8Array;
}

export interface CaptionServiceOptions {
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

/** What a caption download needs of a recording: `captionDownloadUrl` comes from getSessionDetails. */
export type CaptionSource = Pick<SessionDetails, 'id' | 'name' | 'captionDownloadUrl'>;

const MAX_CAPTION_BYTES = 5 * 1024 * 1024;

function languageIndex(language: string): number {
  const index = CAPTION_LANGUAGES.findIndex((l) => l.id === language);
  if (index < 0) {
    throw new PanoptoInputError(
      l10n.t('"{0}" is not a Panopto caption language (for example English_USA or French).', language.slice(0, 40)),
    );
  }
  return index;
}

function captionType(fileName: string): string {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.srt')) return 'application/x-subrip';
  if (lower.endsWith('.vtt')) return 'text/vtt';
  throw new PanoptoInputError(l10n.t('Captions must be an .srt or .vtt file.'));
}

/** `name=value` of each Set-Cookie, joined as a Cookie header; undefined without .ASPXAUTH. */
function cookieHeader(setCookie: string | string[] | undefined): string | undefined {
  const pairs = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
    .map((line) => line.split(';')[0]?.trim() ?? '')
    .filter((pair) => pair.includes('='));
  if (!pairs.some((pair) => pair.toUpperCase().startsWith('.ASPXAUTH='))) return undefined;
  for (const pair of pairs) registerSecret(pair.slice(pair.indexOf('=') + 1));
  return pairs.join('; ');
}

export class CaptionService {
  /** Panopto's legacy cookie per site, in memory only. */
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly client: PanoptoClient,
    private readonly options: CaptionServiceOptions = {},
  ) {}

  /** Adds (or replaces) a recording's captions in one language. */
  async uploadCaptions(sessionId: string, file: CaptionFile, language: CaptionLanguage, signal?: AbortSignal): Promise<void> {
    const id = panoptoId(sessionId, 'session');
    languageIndex(language);
    const type = captionType(file.name);
    if (file.data.byteLength === 0 || file.data.byteLength > MAX_CAPTION_BYTES) {
      throw new PanoptoInputError(l10n.t('A caption file must hold between 1 byte and 5 MiB.'));
    }
    const boundary = `----panopto-vscode-${crypto.randomUUID()}`;
    const safeName = file.name.replace(/[\r\n"\\]/g, '_');
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="language"\r\n\r\n${language}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${type}\r\n\r\n`;
    const data = Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
    const site = await this.client.site();
    try {
      await this.client.requestJson({
        method: 'POST',
        path: `${API_V1}/sessions/${id}/captions`,
        endpoint: `POST ${API_V1}/sessions/{id}/captions`,
        rawBody: { contentType: `multipart/form-data; boundary=${boundary}`, data },
        schema: deletedAnswerSchema(),
        // Uploading the same captions twice replaces them: safe to repeat after a 5xx.
        idempotent: true,
        signal,
      });
    } catch (error) {
      throw await explainFailure(error, {
        what: 'session',
        id,
        site,
        refusal: { action: 'change', targetName: async () => l10n.t('the captions of this recording') },
      });
    }
  }

  /**
   * A recording's captions as SRT text ('' when it has none in that language). Without a language,
   * Panopto picks (its default track, else English).
   */
  async downloadCaptions(session: CaptionSource, language?: CaptionLanguage, signal?: AbortSignal): Promise<string> {
    const id = panoptoId(session.id, 'session');
    const site = await this.client.site();
    const base = onSite(session.captionDownloadUrl, site);
    if (!base) {
      throw new PanoptoNotFoundError('captions', session.name || id, site);
    }
    const url = language === undefined ? base : `${base}${base.includes('?') ? '&' : '?'}language=${languageIndex(language)}`;
    let cookie = this.cookies.get(site);
    const fromCache = cookie !== undefined;
    cookie ??= await this.legacySignIn(site, signal);
    let answer = await this.fetchWithCookie(url, cookie, signal);
    if (fromCache && isSignInRequired(answer.status)) {
      // The cookie expired (or belongs to an account since signed out): one new sign-in, one retry.
      cookie = await this.legacySignIn(site, signal);
      answer = await this.fetchWithCookie(url, cookie, signal);
    }
    const endpoint = 'GET /Panopto/Pages/Transcription/GenerateSRT.ashx';
    if (answer.status >= 200 && answer.status < 300) return answer.text;
    if (isSignInRequired(answer.status)) {
      this.cookies.delete(site);
      throw new PanoptoHttpError(endpoint, 401);
    }
    if (answer.status === 403)
      throw new PanoptoPermissionError('see', session.name || id, site, { cause: new PanoptoHttpError(endpoint, 403) });
    if (answer.status === 404) throw new PanoptoNotFoundError('session', id, site, { cause: new PanoptoHttpError(endpoint, 404) });
    throw new PanoptoHttpError(endpoint, answer.status);
  }

  /** Forgets every legacy cookie (sign-out, another account). */
  forgetCookies(): void {
    this.cookies.clear();
  }

  private async legacySignIn(site: string, signal?: AbortSignal): Promise<string> {
    const { headers } = await this.client.requestWithHeaders({
      path: `${API_V1}/auth/legacyLogin`,
      endpoint: `GET ${API_V1}/auth/legacyLogin`,
      schema: deletedAnswerSchema(),
      signal,
    });
    const cookie = cookieHeader(headers['set-cookie']);
    if (!cookie) {
      throw new PanoptoMalformedResponseError(`GET ${API_V1}/auth/legacyLogin`, l10n.t('no sign-in cookie from {0}', siteLabel(site)), 200);
    }
    this.cookies.set(site, cookie);
    return cookie;
  }

  /** The caption page with the cookie and without the bearer token; redirects are not followed. */
  private async fetchWithCookie(url: string, cookie: string, signal?: AbortSignal): Promise<{ status: number; text: string }> {
    const timeout = this.options.timeoutMs ?? 30_000;
    try {
      const response = await vendor().request(url, {
        method: 'GET',
        headers: { cookie, accept: 'text/plain, */*' },
        signal,
        dispatcher: this.options.dispatcher,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await response.body.text();
      return { status: response.statusCode, text };
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      throw new PanoptoNetworkError(
        'GET /Panopto/Pages/Transcription/GenerateSRT.ashx',
        error instanceof Error ? error.message : String(error),
      );
    }
  }
}

/** The legacy page's "sign in first": a redirect to the sign-in page, or 401. */
function isSignInRequired(status: number): boolean {
  return status === 401 || (status >= 300 && status < 400);
}
