// Does an address answer like Panopto? Against the dev server (and its notPanopto switch) over HTTP.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { probeSite } from '../../../src/setup/siteProbe';
import { useTestDevServer } from '../../support/devServer';

describe('setup: probing the site', () => {
  const server = useTestDevServer();
  afterEach(() => {
    server().switches.notPanopto = 'off';
    server().switches.discovery = true;
  });

  it("the dev server answers like Panopto: through discovery, or Panopto's fixed paths without it", async () => {
    const found = await probeSite(server().baseUrl);
    assert.equal(found.ok && found.via, 'discovery');
    assert.equal(found.ok && found.issuer, `${server().baseUrl}/Panopto/oauth2`);
    server().switches.discovery = false;
    const fixed = await probeSite(server().baseUrl);
    assert.equal(fixed.ok && fixed.via, 'fixedPaths');
  });

  for (const [mode, problem, says] of [
    ['homePage', 'notPanopto', /does not answer like a Panopto site.*a web page titled/],
    ['notFound', 'notPanopto', /does not answer like a Panopto site/],
    ['ssoPortal', 'ssoPortal', /login page \(.*\/idp\/profile\/SAML2\/Redirect\/SSO\): a single sign-on portal/],
  ] as const) {
    it(`notPanopto=${mode}: says it found ${problem}`, async () => {
      server().switches.notPanopto = mode;
      const result = await probeSite(server().baseUrl);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.problem, problem);
      assert.match(!result.ok ? result.message : '', says);
    });
  }

  it('nothing listening: not reachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const result = await probeSite(`http://127.0.0.1:${port}`);
    assert.equal(!result.ok && result.problem, 'unreachable');
    assert.match(!result.ok ? result.message : '', /could not be reached \(ECONNREFUSED\)/);
  });

  it('a certificate the computer does not trust is named as such', async () => {
    const untrusted: typeof fetch = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
        }),
      );
    const result = await probeSite('https://panopto.example.edu', { fetch: untrusted });
    assert.equal(!result.ok && result.problem, 'certificate');
    assert.match(!result.ok ? result.message : '', /DEPTH_ZERO_SELF_SIGNED_CERT/);
  });
});
