// How a recording is written into a document, per language: a link, a thumbnail that links to the
// viewer, or Panopto's embed player (the iframe of its share dialog, docs/panopto.md "Embeds").
// Pure (no `vscode`): the insert command, the drop provider and the quick fix turn the parts below
// into text or into a SnippetString whose title is an editable placeholder.

export type InsertFormat = 'link' | 'thumbnail' | 'embed';
export const INSERT_FORMATS: readonly InsertFormat[] = ['link', 'thumbnail', 'embed'];

/** The families of syntax a document can have; languages map onto them in syntaxOf. */
export type Syntax = 'markdown' | 'html' | 'mdx' | 'rst' | 'latex' | 'plain';

/** What the syntax needs to know about a recording. */
export interface VideoRef {
  title: string;
  /** `https://{host}/Panopto/Pages/Viewer.aspx?id={guid}` */
  viewerUrl: string;
  thumbnailUrl?: string;
}

/** A piece of the written text: literal, or the (already escaped) title the user may edit. */
export type Part = { kind: 'text'; value: string } | { kind: 'title'; value: string };

const LANGUAGE_SYNTAX: Readonly<Record<string, Syntax>> = {
  markdown: 'markdown',
  quarto: 'markdown',
  qmd: 'markdown',
  rmd: 'markdown',
  html: 'html',
  vue: 'html',
  'vue-html': 'html',
  svelte: 'html',
  astro: 'html',
  php: 'html',
  mdx: 'mdx',
  restructuredtext: 'rst',
  rst: 'rst',
  latex: 'latex',
  tex: 'latex',
  bibtex: 'latex',
};

/** The syntax for a VS Code language id (a notebook's Markdown cell has the id `markdown`). */
export function syntaxOf(languageId: string): Syntax {
  return LANGUAGE_SYNTAX[languageId.toLowerCase()] ?? 'plain';
}

/** Whether the syntax can show anything besides a link (others fall back to the link). */
export function supportsFormat(syntax: Syntax, format: InsertFormat): boolean {
  return format === 'link' || (syntax !== 'plain' && syntax !== 'latex');
}

// Panopto's share dialog options, as its copied iframes carry them.
const EMBED_OPTIONS = 'autoplay=false&offerviewer=true&showtitle=true&showbrand=true&captions=false&interactivity=all';

/** The embed player's address for a viewer link: same site, Embed.aspx, the same id. */
export function embedUrlOf(viewerUrl: string): string {
  const url = new URL(viewerUrl);
  const id = url.searchParams.get('id') ?? url.searchParams.get('ID') ?? '';
  return `${url.origin}${url.pathname.replace(/\/Viewer\.aspx$/i, '/Embed.aspx')}?id=${encodeURIComponent(id)}&${EMBED_OPTIONS}`;
}

/** One line, no control characters: a title never breaks the surrounding syntax across lines. */
function oneLine(title: string): string {
  // \p{Cc}: the control characters (line breaks, tabs, NUL, DEL), which no syntax here keeps in a title.
  return title
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** CommonMark link text / image alt: backslash-escape what would end or nest the brackets. */
export function escapeMarkdownText(title: string): string {
  return oneLine(title).replace(/[\\[\]`*_<>]/g, (c) => `\\${c}`);
}

/** A CommonMark link destination: characters that would end it are percent-encoded. */
export function escapeMarkdownUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** HTML text and attribute values (double-quoted). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** JSX (MDX) text: HTML's entities plus the braces that would open an expression. */
export function escapeJsxText(text: string): string {
  return escapeHtml(text).replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'));
}

/** reStructuredText interpreted text: backslash-escape the backslash, backquote and angle brackets. */
export function escapeRstText(title: string): string {
  return oneLine(title).replace(/[\\`<>]/g, (c) => `\\${c}`);
}

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
};

/** LaTeX text: the ten special characters. */
export function escapeLatexText(title: string): string {
  return oneLine(title).replace(/[\\{}$&#^_%~]/g, (c) => LATEX_SPECIALS[c] ?? c);
}

/** A URL inside \href{…}: hyperref accepts \# and \%; a brace or backslash would end the argument. */
export function escapeLatexUrl(url: string): string {
  return url.replace(/[\\{}#%]/g, (c) => (c === '#' || c === '%' ? `\\${c}` : encodeURIComponent(c)));
}

const text = (value: string): Part => ({ kind: 'text', value });
const title = (value: string): Part => ({ kind: 'title', value });

function iframe(video: VideoRef, jsx: boolean): Part[] {
  const src = escapeHtml(embedUrlOf(video.viewerUrl));
  const name = jsx ? escapeJsxText(oneLine(video.title)) : escapeHtml(oneLine(video.title));
  // JSX wants camelCase boolean attributes and no style string; HTML keeps the share dialog's markup.
  const tail = jsx
    ? `" width="720" height="405" allow="autoplay" allowFullScreen></iframe>`
    : `" width="720" height="405" style="border: 1px solid #464646;" allow="autoplay" allowfullscreen></iframe>`;
  return [text(`<iframe src="${src}" title="`), title(name), text(tail)];
}

function htmlLink(video: VideoRef, jsx: boolean): Part[] {
  const name = jsx ? escapeJsxText(oneLine(video.title)) : escapeHtml(oneLine(video.title));
  return [text(`<a href="${escapeHtml(video.viewerUrl)}">`), title(name), text('</a>')];
}

function htmlThumbnail(video: VideoRef, jsx: boolean): Part[] {
  const name = jsx ? escapeJsxText(oneLine(video.title)) : escapeHtml(oneLine(video.title));
  const img = jsx ? ' />' : '>';
  return [
    text(`<a href="${escapeHtml(video.viewerUrl)}"><img src="${escapeHtml(video.thumbnailUrl ?? '')}" alt="`),
    title(name),
    text(`"${img}</a>`),
  ];
}

function markdown(video: VideoRef, format: InsertFormat, jsx: boolean): Part[] {
  const name = escapeMarkdownText(video.title);
  const viewer = escapeMarkdownUrl(video.viewerUrl);
  if (format === 'thumbnail' && video.thumbnailUrl) {
    return [text('[!['), title(name), text(`](${escapeMarkdownUrl(video.thumbnailUrl)})](${viewer})`)];
  }
  if (format === 'embed') return iframe(video, jsx);
  return [text('['), title(name), text(`](${viewer})`)];
}

function rst(video: VideoRef, format: InsertFormat): Part[] {
  if (format === 'thumbnail' && video.thumbnailUrl) {
    return [text(`.. image:: ${video.thumbnailUrl}\n   :target: ${video.viewerUrl}\n   :alt: `), title(oneLine(video.title)), text('\n')];
  }
  if (format === 'embed') {
    return [text('.. raw:: html\n\n   '), ...iframe(video, false), text('\n')];
  }
  return [text('`'), title(escapeRstText(video.title)), text(` <${video.viewerUrl}>\`__`)];
}

/** The recording written in the syntax; a format the syntax cannot show becomes a link. */
export function render(video: VideoRef, syntax: Syntax, format: InsertFormat): Part[] {
  const wanted: InsertFormat = format === 'thumbnail' && !video.thumbnailUrl ? 'link' : format;
  switch (syntax) {
    case 'markdown':
      return markdown(video, wanted, false);
    case 'mdx':
      return markdown(video, wanted, true);
    case 'html':
      if (wanted === 'embed') return iframe(video, false);
      return wanted === 'thumbnail' ? htmlThumbnail(video, false) : htmlLink(video, false);
    case 'rst':
      return rst(video, wanted);
    case 'latex':
      return [text(`\\href{${escapeLatexUrl(video.viewerUrl)}}{`), title(escapeLatexText(video.title)), text('}')];
    case 'plain':
      return [text(video.viewerUrl)];
  }
}

/** The parts as plain text. */
export function partsToText(parts: readonly Part[]): string {
  return parts.map((p) => p.value).join('');
}

/** The parts as a snippet (TextMate syntax), every title occurrence one placeholder `${1:…}`. */
export function partsToSnippet(parts: readonly Part[]): string {
  const escape = (s: string) => s.replace(/[$}\\]/g, (c) => `\\${c}`);
  return parts.map((p) => (p.kind === 'title' ? `\${1:${escape(p.value)}}` : escape(p.value))).join('') + '$0';
}

/** Convenience: the text for a recording in a language and format. */
export function renderText(video: VideoRef, languageId: string, format: InsertFormat): string {
  return partsToText(render(video, syntaxOf(languageId), format));
}
