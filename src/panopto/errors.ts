// The errors the Panopto client throws. Each names the endpoint it was talking to and says what
// went wrong in words a user can act on; none carries a token, a stack trace for the user, or a
// raw response body (a body may echo request data, and an HTML error page is noise in a tree item).
import { t } from '@vscode/l10n';

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
    super(describeStatus(endpoint, status, serverMessage, attempts), 'http', endpoint, status);
    this.name = 'PanoptoHttpError';
  }
}

function describeStatus(endpoint: string, status: number, serverMessage: string | undefined, attempts: number): string {
  const detail = serverMessage ? ` ${serverMessage}` : '';
  switch (status) {
    case 401:
      return t('Panopto did not accept the sign-in for {0} (HTTP 401). Sign in again.', endpoint);
    case 403:
      return t('Panopto denied access to {0} (HTTP 403): this account may not have permission.', endpoint);
    case 404:
      return t('Panopto could not find {0} (HTTP 404).{1}', endpoint, detail);
    case 429:
      return t('Panopto is limiting requests to {0} (HTTP 429) and still did after {1} attempts. Try again later.', endpoint, attempts);
    default:
      if (status >= 500) {
        return attempts > 1
          ? t('Panopto failed to answer {0} (HTTP {1}) after {2} attempts.{3}', endpoint, status, attempts, detail)
          : t('Panopto failed to answer {0} (HTTP {1}).{2}', endpoint, status, detail);
      }
      return t('Panopto refused {0} (HTTP {1}).{2}', endpoint, status, detail);
  }
}

export class PanoptoMalformedResponseError extends PanoptoError {
  constructor(endpoint: string, detail: string, status?: number) {
    super(t('Panopto sent an unexpected answer for {0}: {1}', endpoint, detail), 'malformed', endpoint, status);
    this.name = 'PanoptoMalformedResponseError';
  }
}

export class PanoptoNetworkError extends PanoptoError {
  constructor(endpoint: string, detail: string) {
    super(t('Could not reach Panopto for {0}: {1}', endpoint, detail), 'network', endpoint);
    this.name = 'PanoptoNetworkError';
  }
}

export class PanoptoTooManyPagesError extends PanoptoError {
  constructor(endpoint: string, maxPages: number) {
    super(t('Panopto kept sending pages for {0}; stopped after {1} pages.', endpoint, maxPages), 'tooManyPages', endpoint);
    this.name = 'PanoptoTooManyPagesError';
  }
}
