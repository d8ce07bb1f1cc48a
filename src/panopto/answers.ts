// Reading Panopto's answers for the client (client.ts): the body as JSON, its validation with zod
// (so a malformed answer becomes a PanoptoMalformedResponseError naming the endpoint and the field),
// and what an error answer says (Panopto's APIError message, Retry-After). Reading and validating
// are separate steps so that a listing can ask for the next page between them (client.ts,
// getAllPages).
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { PanoptoMalformedResponseError } from './errors';
import { apiErrorMessage } from './wire';
import { parseRetryAfter } from '../util/retry';
import { lazy } from '../vendor/lazy';

/** An answer as it arrived: status, headers and the body as text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The body as JSON; an empty body reads as `undefined`. */
export function readJson(raw: RawAnswer, endpoint: string): unknown {
  if (raw.text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(raw.text) as unknown;
  } catch {
    const type = contentType(raw);
    throw new PanoptoMalformedResponseError(endpoint, `not JSON${type ? `, content-type ${type}` : ''}`, raw.status);
  }
}

// zod/mini ships no messages (every issue would read "Invalid input"); the English locale is loaded
// here, per parse rather than globally, so a malformed answer still says what was expected and found.
// Made on the first answer, not at activation.
const englishMessages = lazy(() => en().localeError);

/** The body read by readJson, checked against `schema`. */
export function validateAnswer<T>(value: unknown, schema: z.core.$ZodType<T>, endpoint: string, status: number): T {
  const result = z.safeParse(schema, value, { error: englishMessages() });
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : 'body';
    throw new PanoptoMalformedResponseError(endpoint, `${where}: ${issue?.message ?? 'invalid'}`, status);
  }
  return result.data;
}

/** readJson then validateAnswer. */
export function parseAnswer<T>(raw: RawAnswer, schema: z.core.$ZodType<T>, endpoint: string): T {
  return validateAnswer(readJson(raw, endpoint), schema, endpoint, raw.status);
}

/** Panopto's APIError message, if the body is one; never the raw body (it may be an HTML page). */
export function serverMessage(text: string): string | undefined {
  if (!text) {
    return undefined;
  }
  try {
    // Panopto's own words, but text from the server all the same: one short line in the message.
    const message = apiErrorMessage(JSON.parse(text))?.replace(/\s+/g, ' ').trim();
    return message ? (message.length > 200 ? `${message.slice(0, 200)}…` : message) : undefined;
  } catch {
    return undefined;
  }
}

export function retryAfter(raw: RawAnswer): number | undefined {
  return parseRetryAfter(raw.headers['retry-after']);
}

function contentType(raw: RawAnswer): string | undefined {
  const header = raw.headers['content-type'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(';')[0]?.trim() || undefined;
}
