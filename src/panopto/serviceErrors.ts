// The errors the folder, session and caption services throw when Panopto refuses a call, in words a
// user can act on: what is missing or not allowed, and on which site. Each keeps the client's
// PanoptoHttpError as its cause (status and endpoint for the log); none carries a token or a body.
import * as l10n from '@vscode/l10n';
import { PanoptoHttpError } from './errors';
import { PanoptoInputError } from './inputError';

/** What a service call was about. */
export type PanoptoObjectKind = 'folder' | 'session' | 'captions';

// A bad argument is refused before any call: its class lives on its own, so that the exported API
// (src/apiFactory.ts), built at activation, does not load these refusals with it.
export { PanoptoInputError };

/** The last site siteLabel was asked about, and its label: a link check names one site a thousand times. */
let lastLabel: { site: string; label: string } | undefined;

/** The site's host (and port), as people know it: `deakin.au.panopto.com`, `127.0.0.1:9400`. */
export function siteLabel(site: string): string {
  if (site !== lastLabel?.site) {
    lastLabel = { site, label: hostOf(site) };
  }
  return lastLabel.label;
}

function hostOf(site: string): string {
  try {
    return new URL(site).host;
  } catch {
    return site;
  }
}

export class PanoptoNotFoundError extends Error {
  constructor(
    readonly what: PanoptoObjectKind,
    readonly id: string,
    readonly site: string,
    options?: { cause?: unknown },
  ) {
    const message = notFoundMessage(what, id, siteLabel(site));
    // No stack, as for its cause (errors.ts, PanoptoHttpError): a recording or folder that is gone
    // is an answer to show, not a fault to trace, and a link check meets hundreds (bench figure 7).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, options);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'PanoptoNotFoundError';
  }
}

function notFoundMessage(what: PanoptoObjectKind, id: string, site: string): string {
  switch (what) {
    case 'folder':
      return l10n.t('The Panopto folder {0} was not found on {1}; it may have been deleted.', id, site);
    case 'session':
      return l10n.t('The Panopto recording {0} was not found on {1}; it may have been deleted.', id, site);
    default:
      return l10n.t('The recording {0} has no captions on {1}.', id, site);
  }
}

/** What was refused: changing (renaming, moving, deleting, captions), creating inside, or seeing. */
export type PermissionAction = 'change' | 'createIn' | 'createTopLevel' | 'see';

export class PanoptoPermissionError extends Error {
  constructor(
    readonly action: PermissionAction,
    /** The folder's or recording's name, or a description such as "this recording" when unknown. */
    readonly targetName: string,
    readonly site: string,
    options?: { cause?: unknown },
  ) {
    super(permissionMessage(action, targetName, site), options);
    this.name = 'PanoptoPermissionError';
  }
}

/** "You don't have permission to change <name> on <site>." and its siblings, for callers that phrase their own. */
export function permissionMessage(action: PermissionAction, targetName: string, site: string): string {
  const host = siteLabel(site);
  switch (action) {
    case 'createIn':
      return l10n.t("You don't have permission to create folders in {0} on {1}.", targetName, host);
    case 'createTopLevel':
      return l10n.t("You don't have permission to create top-level folders on {0}.", host);
    case 'see':
      return l10n.t("You don't have permission to see {0} on {1}.", targetName, host);
    default:
      return l10n.t("You don't have permission to change {0} on {1}.", targetName, host);
  }
}

/** The HTTP status of a refusal from the client, if it was one. */
export function refusalStatus(error: unknown): number | undefined {
  return error instanceof PanoptoHttpError ? error.status : undefined;
}

/** A 400 from Panopto, as a bad-input error carrying Panopto's own words when it sent some. */
export function badInputFrom(error: PanoptoHttpError): PanoptoInputError {
  const input = new PanoptoInputError(
    error.serverMessage ? l10n.t('Panopto refused the change: {0}', error.serverMessage) : l10n.t('Panopto refused the change as invalid.'),
  );
  input.cause = error;
  return input;
}

/** What a failed call was doing, so its refusal can be told in those terms. */
export interface CallContext {
  what: Exclude<PanoptoObjectKind, 'captions'>;
  id: string;
  site: string;
  /** For a change refused with 403: the refused action and whose name to show (best effort, may ask Panopto). */
  refusal?: { action: PermissionAction; targetName: () => Promise<string> };
}

/**
 * The client's HTTP errors as the typed errors above: 404 → not found, 403 → permission (the name
 * looked up when the call says how), 400 → bad input. Anything else passes through unchanged.
 */
export async function explainFailure(error: unknown, call: CallContext): Promise<unknown> {
  if (!(error instanceof PanoptoHttpError)) return error;
  switch (error.status) {
    case 404:
      return new PanoptoNotFoundError(call.what, call.id, call.site, { cause: error });
    case 403: {
      const action = call.refusal?.action ?? 'see';
      const fallback = call.what === 'folder' ? l10n.t('this folder') : l10n.t('this recording');
      const name = call.refusal ? await call.refusal.targetName().catch(() => fallback) : fallback;
      return new PanoptoPermissionError(action, name || fallback, call.site, { cause: error });
    }
    case 400:
      return badInputFrom(error);
    default:
      return error;
  }
}
