// Fuzz: the `panopto.serverUrl` and `panopto.redirectUri` validators (src/auth/site.ts,
// src/auth/signInRoutes.ts) on typed-looking and random text. Properties: nothing but a
// ConfigurationError naming the setting ever escapes; whatever is accepted is safe to use
// (https, or http only to this machine; no credentials; a loopback redirect on a port a browser can
// reach); accepting is stable (an accepted server URL parses to itself).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigurationError } from '../../../src/auth/errors';
import { chooseRoutes, loopbackRouteFor, type ExtensionHostKind } from '../../../src/auth/signInRoutes';
import { parseServerUrl } from '../../../src/auth/site';
import { fuzzCase, nastyText } from '../support/fuzz';

/** Loopback by the definition of RFC 8252 §7.3 / §8.3, written independently of site.ts. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

const hosts = fc.oneof(
  fc.constantFrom(
    'localhost',
    'LOCALHOST',
    'localhost.',
    '127.0.0.1',
    '127.1',
    '127.255.255.255',
    '0x7f.1',
    '2130706433',
    '[::1]',
    '[0:0::1]',
    '[::ffff:127.0.0.1]',
    '0.0.0.0',
    '[::]',
    'localhost.evil.com',
    '127.0.0.1.nip.io',
    'evil.com',
    'deakin.au.panopto.com',
    'xn--bcher-kva.example',
    'bücher.example',
    'a..b',
    '-x.com',
    '[::1',
    '[fe80::1%25eth0]',
    '%6cocalhost',
  ),
  fc.domain(),
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]`),
  nastyText(12),
);

const urlLike = fc
  .record({
    scheme: fc.constantFrom(
      'https://',
      'http://',
      'HTTPS://',
      'Http://',
      'ftp://',
      'javascript:',
      'vscode://',
      'file://',
      '//',
      '',
      'https:',
      'https:/',
      'https:///',
    ),
    userinfo: fc.oneof(
      { weight: 5, arbitrary: fc.constant('') },
      fc.constantFrom('user@', 'user:pass@', ':@', '@', 'a%40b@', 'localhost@'),
    ),
    host: hosts,
    port: fc.oneof(
      { weight: 3, arbitrary: fc.constant('') },
      fc.constantFrom(':0', ':80', ':443', ':9127', ':65535', ':65536', ':-1', ':', ':00080', ':9127x'),
      fc.nat(70000).map((n) => `:${n}`),
    ),
    path: fc.oneof(
      fc.constant(''),
      fc.constantFrom('/', '/redirect', '/Panopto/Pages/Home.aspx', '/did-authenticate', '/%2e%2e/x', '/a b', '/ü'),
      fc.webPath(),
    ),
    query: fc.oneof(
      { weight: 3, arbitrary: fc.constant('') },
      fc.webQueryParameters().map((q) => `?${q}`),
    ),
    fragment: fc.oneof(
      { weight: 3, arbitrary: fc.constant('') },
      fc.webFragments().map((f) => `#${f}`),
    ),
    padding: fc.constantFrom('', ' ', '\t', '\n', ' \u00a0', '\ufeff'),
  })
  .map((p) => `${p.padding}${p.scheme}${p.userinfo}${p.host}${p.port}${p.path}${p.query}${p.fragment}${p.padding}`);

const settingText = fc.oneof(
  { weight: 3, arbitrary: urlLike },
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  nastyText(60),
);

/** Runs `fn`; a throw must be a ConfigurationError for `setting` with a message. */
function acceptedOrRefused<T>(setting: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    assert.ok(error instanceof ConfigurationError, `only a ConfigurationError may escape, got ${String(error)}`);
    assert.equal(error.setting, setting);
    assert.ok(error.message.trim().length > 0);
    return undefined;
  }
}

describe('fuzz: setting URLs', () => {
  fuzzCase('Fuzz: setting URLs', 'panopto.serverUrl: an accepted value is an https origin (http only to this machine), stable', () =>
    fc.property(settingText, (raw) => {
      const origin = acceptedOrRefused('panopto.serverUrl', () => parseServerUrl(raw));
      if (origin === undefined) return;
      const url = new URL(origin);
      assert.equal(url.origin, origin, 'the value kept is an origin');
      assert.ok(
        url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)),
        `http only to this machine: ${origin}`,
      );
      assert.equal(url.username + url.password, '', 'no credentials');
      assert.equal(parseServerUrl(origin), origin, 'accepting is stable');
    }),
  );

  fuzzCase(
    'Fuzz: setting URLs',
    'panopto.redirectUri: routes for any value; a loopback route is http to this machine on a reachable port',
    () =>
      fc.property(settingText, fc.constantFrom<ExtensionHostKind>('local', 'remote', 'web'), fc.boolean(), (raw, hostKind, preferPaste) => {
        const loopback = acceptedOrRefused('panopto.redirectUri', () => loopbackRouteFor(raw));
        const routes = acceptedOrRefused('panopto.redirectUri', () => chooseRoutes(raw, { hostKind, preferPaste }));
        if (routes === undefined) return;
        assert.ok(routes.length > 0 && routes[routes.length - 1].kind === 'paste', 'the paste route is always the last resort');
        for (const route of routes) assert.equal(route.redirectUri, raw.trim(), 'the redirect URI is sent as configured');
        if (loopback === undefined) {
          assert.ok(!routes.some((r) => r.kind === 'loopback'));
          return;
        }
        const url = new URL(loopback.redirectUri);
        assert.equal(url.protocol, 'http:');
        assert.ok(isLoopbackHost(url.hostname), `a loopback route only for this machine: ${loopback.redirectUri}`);
        assert.ok(
          Number.isInteger(loopback.port) && loopback.port >= 1 && loopback.port <= 65535,
          `a port a browser can reach: ${loopback.port}`,
        );
        assert.equal(String(loopback.port), url.port);
        assert.equal(loopback.path, url.pathname, 'the listener serves the path the browser will ask for');
      }),
    {
      // Found by this property: port 0 was accepted, so the listener bound some free port while the
      // site was told port 0, and the sign-in waited for a redirect that could not come.
      examples: [
        ['http://user@localhost:0', 'local', false],
        ['http://127.0.0.1:0/redirect', 'remote', false],
      ],
    },
  );
});
