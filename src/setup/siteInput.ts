// What the user entered as their Panopto site, made into the site's origin before anything is saved:
// a bare host gets https://, a pasted link to any Panopto page becomes the site's origin (with a note
// saying so), plain http is refused except for loopback hosts (the dev server). The rules themselves
// are parseServerUrl's (src/auth/site.ts), so the sign-in and this check never disagree. Pure: no VS Code.
import * as l10n from '@vscode/l10n';
import { parseServerUrl } from '../auth/site';

export interface SiteInput {
  /** The origin to save as panopto.serverUrl, e.g. https://yourschool.hosted.panopto.com. */
  origin: string;
  /** Set when the input was more than an origin (a page's link): what was kept. */
  note?: string;
}

/** Throws ConfigurationError (setting panopto.serverUrl) for an empty, malformed or plain-http address. */
export function normaliseSiteInput(raw: string): SiteInput {
  const origin = parseServerUrl(raw);
  const text = raw.trim();
  const bare = text.replace(/\/+$/, '');
  const asTyped = /^[a-z][a-z0-9+.-]*:\/\//i.test(bare) ? bare : `https://${bare}`;
  if (asTyped.toLowerCase() === origin.toLowerCase()) {
    return { origin };
  }
  return {
    origin,
    note: l10n.t('Using the site address {0} from the link you entered (the rest of the link names one page of the site).', origin),
  };
}
