// How a recording is written per language (src/authoring/syntax.ts): every syntax family, every
// format, and titles that would break the syntax if they were not escaped.
import assert from 'node:assert/strict';
import {
  embedUrlOf,
  escapeLatexText,
  partsToSnippet,
  render,
  renderText,
  supportsFormat,
  syntaxOf,
  type VideoRef,
} from '../../../src/authoring/syntax';

const id = '0f3c2a8e-1b2c-4d5e-8f90-123456789abc';
const video: VideoRef = {
  title: 'Week 1: Intro',
  viewerUrl: `https://uni.panopto.com/Panopto/Pages/Viewer.aspx?id=${id}`,
  thumbnailUrl: `https://uni.panopto.com/Panopto/Services/FrameGrabber.svc/FrameRedirect?objectId=${id}`,
};
const embed = `https://uni.panopto.com/Panopto/Pages/Embed.aspx?id=${id}&autoplay=false&offerviewer=true&showtitle=true&showbrand=true&captions=false&interactivity=all`;
const nasty: VideoRef = { ...video, title: 'a [b] <c> & "d" `e` *f* _g_ {h} $i% #j ~k ^l \\m\nnext' };

describe('authoring syntax', () => {
  it('maps languages to syntaxes (notebook Markdown cells are `markdown`)', () => {
    assert.equal(syntaxOf('markdown'), 'markdown');
    assert.equal(syntaxOf('quarto'), 'markdown');
    for (const lang of ['html', 'vue', 'svelte']) assert.equal(syntaxOf(lang), 'html');
    assert.equal(syntaxOf('mdx'), 'mdx');
    assert.equal(syntaxOf('restructuredtext'), 'rst');
    assert.equal(syntaxOf('latex'), 'latex');
    assert.equal(syntaxOf('typescript'), 'plain');
    assert.equal(syntaxOf('plaintext'), 'plain');
  });

  it('makes the embed URL from the viewer URL, on the same site', () => {
    assert.equal(embedUrlOf(video.viewerUrl), embed);
  });

  describe('Markdown and Quarto', () => {
    it('link', () => assert.equal(renderText(video, 'markdown', 'link'), `[Week 1: Intro](${video.viewerUrl})`));
    it('thumbnail linking to the viewer', () =>
      assert.equal(renderText(video, 'quarto', 'thumbnail'), `[![Week 1: Intro](${video.thumbnailUrl})](${video.viewerUrl})`));
    it('embed is the iframe with a title', () => {
      const text = renderText(video, 'markdown', 'embed');
      assert.ok(text.startsWith(`<iframe src="${embed.replace(/&/g, '&amp;')}" title="Week 1: Intro"`), text);
      assert.ok(text.endsWith('allowfullscreen></iframe>'));
    });
    it('thumbnail without a thumbnail URL falls back to a link', () =>
      assert.equal(renderText({ ...video, thumbnailUrl: undefined }, 'markdown', 'thumbnail'), `[Week 1: Intro](${video.viewerUrl})`));
    it('escapes brackets, backslashes, emphasis and line breaks in the title', () => {
      assert.equal(
        renderText(nasty, 'markdown', 'link'),
        `[a \\[b\\] \\<c\\> & "d" \\\`e\\\` \\*f\\* \\_g\\_ {h} $i% #j ~k ^l \\\\m next](${video.viewerUrl})`,
      );
    });
    it('percent-encodes characters that would end the destination', () =>
      assert.equal(
        renderText({ ...video, viewerUrl: 'https://x/Panopto/Pages/Viewer.aspx?id=a (b)' }, 'markdown', 'link'),
        '[Week 1: Intro](https://x/Panopto/Pages/Viewer.aspx?id=a%20%28b%29)',
      ));
  });

  describe('HTML, Vue, Svelte', () => {
    it('link', () => assert.equal(renderText(video, 'html', 'link'), `<a href="${video.viewerUrl}">Week 1: Intro</a>`));
    it('thumbnail', () =>
      assert.equal(
        renderText(video, 'vue', 'thumbnail'),
        `<a href="${video.viewerUrl}"><img src="${video.thumbnailUrl}" alt="Week 1: Intro"></a>`,
      ));
    it('embed escapes the title attribute', () => {
      const text = renderText(nasty, 'svelte', 'embed');
      assert.match(text, /title="a \[b\] &lt;c&gt; &amp; &quot;d&quot; `e` \*f\* _g_ \{h\} \$i% #j ~k \^l \\m next"/);
      assert.ok(!text.includes('\n'));
    });
  });

  describe('MDX', () => {
    it('link is Markdown', () => assert.equal(renderText(video, 'mdx', 'link'), `[Week 1: Intro](${video.viewerUrl})`));
    it('embed is JSX: braces escaped, camelCase allowFullScreen, no style string', () => {
      const text = renderText(nasty, 'mdx', 'embed');
      assert.match(text, /&#123;h&#125;/);
      assert.match(text, /allowFullScreen><\/iframe>$/);
      assert.ok(!text.includes('style='));
    });
  });

  describe('reStructuredText', () => {
    it('link is an anonymous hyperlink', () =>
      assert.equal(renderText(video, 'restructuredtext', 'link'), `\`Week 1: Intro <${video.viewerUrl}>\`__`));
    it('escapes backquotes and angle brackets', () =>
      assert.equal(
        renderText({ ...video, title: 'a `b` <c>' }, 'restructuredtext', 'link'),
        `\`a \\\`b\\\` \\<c\\> <${video.viewerUrl}>\`__`,
      ));
    it('thumbnail is an image with a target', () =>
      assert.equal(
        renderText(video, 'restructuredtext', 'thumbnail'),
        `.. image:: ${video.thumbnailUrl}\n   :target: ${video.viewerUrl}\n   :alt: Week 1: Intro\n`,
      ));
    it('embed is raw HTML', () => assert.match(renderText(video, 'restructuredtext', 'embed'), /^\.\. raw:: html\n\n {3}<iframe /));
  });

  describe('LaTeX', () => {
    it('link is \\href', () => assert.equal(renderText(video, 'latex', 'link'), `\\href{${video.viewerUrl}}{Week 1: Intro}`));
    it('thumbnail and embed fall back to \\href', () => {
      assert.equal(renderText(video, 'latex', 'embed'), renderText(video, 'latex', 'link'));
      assert.equal(supportsFormat('latex', 'thumbnail'), false);
    });
    it('escapes the ten special characters', () =>
      assert.equal(
        escapeLatexText('\\ { } $ & # ^ _ % ~'),
        '\\textbackslash{} \\{ \\} \\$ \\& \\# \\textasciicircum{} \\_ \\% \\textasciitilde{}',
      ));
    it('escapes % and # in the URL', () =>
      assert.equal(
        renderText({ ...video, viewerUrl: 'https://x/Viewer.aspx?id=a%20b#t' }, 'latex', 'link'),
        '\\href{https://x/Viewer.aspx?id=a\\%20b\\#t}{Week 1: Intro}',
      ));
  });

  describe('anything else', () => {
    it('is the URL in every format', () => {
      for (const format of ['link', 'thumbnail', 'embed'] as const) assert.equal(renderText(nasty, 'python', format), video.viewerUrl);
    });
  });

  describe('snippets', () => {
    it('make every title one placeholder and escape $, } and \\', () => {
      const snippet = partsToSnippet(render({ ...video, title: 'cost $5 {x} a\\b' }, 'markdown', 'link'));
      assert.equal(snippet, `[\${1:cost \\$5 {x\\} a\\\\\\\\b}](${video.viewerUrl})$0`);
    });
    it('a plain-text URL has no placeholder', () => assert.equal(partsToSnippet(render(video, 'plain', 'link')), `${video.viewerUrl}$0`));
  });
});
