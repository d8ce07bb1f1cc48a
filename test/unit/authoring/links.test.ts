// Finding recording links in documents (src/authoring/links.ts).
import assert from 'node:assert/strict';
import { findRecordingLinks, originOf, recordingLinkAt } from '../../../src/authoring/links';

const id = '0f3c2a8e-1b2c-4d5e-8f90-123456789abc';
const site = 'https://uni.panopto.com';
const viewer = `${site}/Panopto/Pages/Viewer.aspx?id=${id}`;

describe('recording links', () => {
  it('finds a Markdown link and its exact range', () => {
    const text = `See [Week 1](${viewer}) now.`;
    const [link] = findRecordingLinks(text, site);
    assert.ok(link);
    assert.equal(link.id, id);
    assert.equal(link.page, 'viewer');
    assert.equal(text.slice(link.start, link.end), viewer);
  });

  it('finds the embed player in HTML with &amp; separators, and the id in any case', () => {
    const text = `<iframe src="${site}/Panopto/Pages/Embed.aspx?autoplay=false&amp;ID=${id.toUpperCase()}&amp;showtitle=true"></iframe>`;
    const [link] = findRecordingLinks(text, site);
    assert.equal(link?.id, id);
    assert.equal(link?.page, 'embed');
  });

  it('finds links in reStructuredText, LaTeX and plain text; sentence punctuation is not part of the link', () => {
    const text = `\`A <${viewer}>\`__ \\href{${viewer}}{B} ${viewer}. end`;
    const links = findRecordingLinks(text, site);
    assert.equal(links.length, 3);
    for (const link of links) assert.equal(text.slice(link.start, link.end), viewer);
  });

  it('ignores other sites, folder embeds, and ids that are not GUIDs', () => {
    const text = [
      `https://other.panopto.com/Panopto/Pages/Viewer.aspx?id=${id}`,
      `${site}/Panopto/Pages/Embed.aspx?folderID=${id}`,
      `${site}/Panopto/Pages/Viewer.aspx?id=not-a-guid`,
      `${site}/Panopto/Pages/Sessions/List.aspx?id=${id}`,
    ].join('\n');
    assert.deepEqual(findRecordingLinks(text, site), []);
    assert.equal(findRecordingLinks(text).length, 1, 'without a site, the other host counts');
  });

  it('compares sites by origin, case-insensitively, with a port', () => {
    assert.equal(originOf('http://127.0.0.2:9400/'), 'http://127.0.0.2:9400');
    const text = `HTTP://127.0.0.2:9400/Panopto/Pages/Viewer.aspx?id=${id}`;
    assert.equal(findRecordingLinks(text, 'http://127.0.0.2:9400').length, 1);
    assert.equal(findRecordingLinks(text, 'http://127.0.0.2:9401').length, 0);
  });

  it('recordingLinkAt finds the link under an offset only', () => {
    const text = `x ${viewer} y`;
    assert.equal(recordingLinkAt(text, 5, site)?.id, id);
    assert.equal(recordingLinkAt(text, 0, site), undefined);
    assert.equal(recordingLinkAt(text, text.length - 1, site), undefined);
  });
});
