// The errors the Panopto client throws. Each names the endpoint it was talking to and says what
// went wrong in words a user can act on; none carries a token, a stack trace for the user, or a
// raw response body (a body may echo request data, and an HTML error page is noise in a tree item).
import * as l10n from '@vscode/l10n';

export type PanoptoErrorKind =
  /** Panopto answered with a status we do not retry (or stopped retrying). */
  | 'http'
  /** The answer was not what Panopto documents: not JSON, or JSON of another shape. */
  | 'malformed'
  /** No answer at all: connection refused or reset, DNS, timeout. */
  | 'network'
  /** A list kept returning pages past the client's limit. */
  | 'tooManyPages';

export class PanoptoError extends Error {
  constructor(
    message: string,
    readonly kind: PanoptoErrorKind,
    /** e.g. `GET /Panopto/api/v1/folders/…/children` */
    readonly endpoint: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PanoptoError';
  }
}

export class PanoptoHttpError extends PanoptoError {
  constructor(
    endpoint: string,
    status: number,
    /** Panopto's own message from an APIError body, when it sent one. */
    readonly serverMessage?: string,
    /** Milliseconds from Retry-After, when sent. */
    readonly retryAfterMs?: number,
    attempts = 1,
  ) {
    const message = describeStatus(endpoint, status, serverMessage, attempts);
    // No stack: a refusal is Panopto's answer, not a fault in our code, and the endpoint says where
    // it came from. Capturing the stack (with its async frames) was the largest cost of a 404 in
    // the client, and a link check meets hundreds (bench figure 7). A service that explains the
    // refusal (serviceErrors.ts) throws its own error, with a stack, and keeps this one as its cause.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, 'http', endpoint, status);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'PanoptoHttpError';
  }
}

// What happened comes first (a tree item shows only the start of a long message), the endpoint last.
function describeStatus(endpoint: string, status: number, serverMessage: string | undefined, attempts: number): string {
  const detail = serverMessage ? ` ${serverMessage}` : '';
  switch (status) {
    case 401:
      return l10n.t('Panopto did not accept the sign-in (HTTP 401); sign in again. {0}', endpoint);
    case 403:
      return l10n.t('Panopto denied access (HTTP 403); this account may not have permission. {0}', endpoint);
    case 404:
      return l10n.t('Panopto could not find it (HTTP 404).{0} {1}', detail, endpoint);
    case 429:
      return l10n.t('Panopto is limiting requests (HTTP 429), still after {0} attempts; try again later. {1}', attempts, endpoint);
    default:
      if (status >= 500) {
        return attempts > 1
          ? l10n.t('Panopto failed to answer (HTTP {0}) after {1} attempts.{2} {3}', status, attempts, detail, endpoint)
          : l10n.t('Panopto failed to answer (HTTP {0}).{1} {2}', status, detail, endpoint);
      }
      return l10n.t('Panopto refused the request (HTTP {0}).{1} {2}', status, detail, endpoint);
  }
}

export class PanoptoMalformedResponseError extends PanoptoError {
  constructor(endpoint: string, detail: string, status?: number) {
    super(l10n.t('Panopto sent an unexpected answer ({0}). {1}', detail, endpoint), 'malformed', endpoint, status);
    this.name = 'PanoptoMalformedResponseError';
  }
}

export class PanoptoNetworkError extends PanoptoError {
  constructor(endpoint: string, detail: string) {
    super(l10n.t('Could not reach Panopto ({0}). {1}', detail, endpoint), 'network', endpoint);
    this.name = 'PanoptoNetworkError';
  }
}

export class PanoptoTooManyPagesError extends PanoptoError {
  constructor(endpoint: string, maxPages: number) {
    super(l10n.t('Panopto kept sending pages; stopped after {0} pages. {1}', maxPages, endpoint), 'tooManyPages', endpoint);
    this.name = 'PanoptoTooManyPagesError';
  }
}
