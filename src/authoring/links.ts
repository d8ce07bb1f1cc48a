// Finding links to recordings in text: `https://{site}/Panopto/Pages/Viewer.aspx?id={guid}` and the
// embed player's `…/Embed.aspx?id={guid}&…` (docs/panopto.md, "Embeds"), as Markdown, HTML,
// reStructuredText or LaTeX write them. Pure (no `vscode`): the hover, the link checker and their
// tests share it. Only links of one site count: the signed-in one (other hosts cost no request).

export interface RecordingLink {
  /** The link as written (HTML's `&amp;` included). */
  readonly url: string;
  /** The recording's id, lower case. */
  readonly id: string;
  /** `https://host[:port]`, lower case. */
  readonly origin: string;
  readonly page: 'viewer' | 'embed';
  /** Offsets into the searched text: [start, end). */
  readonly start: number;
  readonly end: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A URL ends where the surrounding syntax takes over: space, quotes, brackets, braces, backquote.
const CANDIDATE = /https?:\/\/[^\s"'<>()[\]{}`\\]+?\/Panopto\/Pages\/(Viewer|Embed)\.aspx\?[^\s"'<>()[\]{}`\\]*/gi;

/** The `id` query parameter (any case; `&amp;` separators accepted), or undefined. */
function recordingId(query: string): string | undefined {
  for (const pair of query.replace(/&amp;/gi, '&').split('&')) {
    const [name, value = ''] = pair.split('=');
    if (name.toLowerCase() === 'id') {
      const id = decodeURIComponentSafe(value).trim();
      return GUID.test(id) ? id.toLowerCase() : undefined;
    }
  }
  return undefined;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A site's origin as links compare it: `https://host[:port]`, lower case, no default port. */
export function originOf(siteUrl: string): string | undefined {
  try {
    return new URL(siteUrl).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Every recording link in `text`; with `siteOrigin`, only that site's. Trailing punctuation that
 * ends a sentence (`.`, `,`, `;`, `:`, `!`, `?`) is not part of the link.
 */
export function findRecordingLinks(text: string, siteOrigin?: string): RecordingLink[] {
  const wanted = siteOrigin?.toLowerCase();
  const links: RecordingLink[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const start = match.index;
    const origin = originOf(url.replace(/&amp;/gi, '&'));
    if (!origin || (wanted && origin !== wanted)) continue;
    const id = recordingId(url.slice(url.indexOf('?') + 1));
    if (!id) continue;
    const page = match[1].toLowerCase() === 'viewer' ? 'viewer' : 'embed';
    links.push({ url, id, origin, page, start, end: start + url.length });
  }
  return links;
}

/** The link of the site that covers `offset` in `text` (for a hover), or undefined. */
export function recordingLinkAt(text: string, offset: number, siteOrigin?: string): RecordingLink | undefined {
  return findRecordingLinks(text, siteOrigin).find((link) => link.start <= offset && offset <= link.end);
}

/** The viewer link of a recording on a site. */
export function viewerUrlFor(origin: string, id: string): string {
  return `${origin}/Panopto/Pages/Viewer.aspx?id=${encodeURIComponent(id)}`;
}
