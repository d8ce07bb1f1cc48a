// The site address as entered: made into the origin, https required (http only for loopback).
import assert from 'node:assert/strict';
import { ConfigurationError } from '../../../src/auth/errors';
import { normaliseSiteInput } from '../../../src/setup/siteInput';

describe('setup: the site address as entered', () => {
  it('a bare host gets https://, an origin stays as it is, with no note', () => {
    assert.deepEqual(normaliseSiteInput('deakin.au.panopto.com'), { origin: 'https://deakin.au.panopto.com' });
    assert.deepEqual(normaliseSiteInput(' https://Deakin.au.panopto.com/ '), { origin: 'https://deakin.au.panopto.com' });
  });

  it('a link to any Panopto page becomes the site origin, with a note that says so', () => {
    const input = normaliseSiteInput('https://x.hosted.panopto.com/Panopto/Pages/Viewer.aspx?id=3f2a&start=10#t');
    assert.equal(input.origin, 'https://x.hosted.panopto.com');
    assert.match(input.note ?? '', /https:\/\/x\.hosted\.panopto\.com from the link/);
    assert.equal(normaliseSiteInput('x.hosted.panopto.com/Panopto/Pages/Home.aspx').origin, 'https://x.hosted.panopto.com');
  });

  it('plain http only for loopback hosts; other schemes, credentials and empty input are refused naming the setting', () => {
    assert.equal(normaliseSiteInput('http://127.0.0.2:9400').origin, 'http://127.0.0.2:9400');
    assert.equal(normaliseSiteInput('http://localhost:9400/Panopto').origin, 'http://localhost:9400');
    for (const bad of [
      'http://x.hosted.panopto.com',
      'ftp://x.panopto.com',
      'https://me:pw@x.panopto.com',
      '   ',
      'https://exa mple.com',
    ]) {
      assert.throws(
        () => normaliseSiteInput(bad),
        (e: unknown) => e instanceof ConfigurationError && e.setting === 'panopto.serverUrl',
        bad,
      );
    }
  });
});
