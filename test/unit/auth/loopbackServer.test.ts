// The loopback listener under hostile or odd requests, and the addresses it listens on: a request
// target no URL parser accepts is answered (never left hanging), ending a sign-in closes every
// connection at once, and a loopback redirect URI is served on the address it names.
import assert from 'node:assert/strict';
import { createConnection, type Socket } from 'node:net';
import { ConfigurationError } from '../../../src/auth/errors';
import { listenAddressFor, LoopbackServers } from '../../../src/auth/loopbackServer';
import { RedirectRouter } from '../../../src/auth/redirectRouter';
import type { StoredSession } from '../../../src/auth/tokenStore';
import { createLog, MemoryLogSink } from '../../../src/util/log';
import { startTestDevServer, type DevServer } from '../../support/devServer';
import { freePort, makeCore, type TestCore } from '../../support/authHarness';

// Its own log: these cases handle no secrets, so the suite's secret scan has nothing to look for here.
const log = createLog(new MemoryLogSink());

/** Sends raw bytes to host:port; resolves with everything received once the server closes the socket. */
function rawExchange(host: string, port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port }, () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.once('close', () => resolve(data));
    socket.once('error', reject);
  });
}

function statusOf(response: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(response);
  return match ? Number(match[1]) : undefined;
}

function connect(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('hardening: loopback listener', () => {
  const servers = new LoopbackServers(new RedirectRouter(log), log);

  for (const target of ['//', '/\\', '//evil.example/callback']) {
    it(`answers GET ${target} with 400 instead of leaving the request unanswered`, async () => {
      const lease = await servers.acquire(0, '/callback');
      try {
        const response = await rawExchange(
          '127.0.0.1',
          lease.port,
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
        );
        assert.equal(statusOf(response), 400, `answer: ${response.slice(0, 60)}`);
      } finally {
        await lease.release();
      }
    });
  }

  it('ending the sign-in closes a connection whose request is still arriving (close does not wait for it)', async () => {
    const lease = await servers.acquire(0, '/callback');
    const socket = await connect('127.0.0.1', lease.port);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    // Half a request: Node would wait for the rest up to its headers/request timeout (60 s / 300 s).
    socket.write('GET /callback?state=x HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await lease.release();
    await closed;
    assert.ok(socket.destroyed);
  });
});

describe('hardening: loopback listener', () => {
  describe('a whole sign-in', () => {
    let server: DevServer;
    let redirectUri: string;
    let t: TestCore | undefined;
    const sockets: Socket[] = [];
    before(async () => {
      redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
      server = await startTestDevServer({ extraRedirectUris: [redirectUri] });
    });
    after(async () => {
      sockets.forEach((s) => s.destroy());
      t?.core.dispose();
      await server.close();
    });

    it('ends, with a token issued when its answer arrived, while a browser connection to the listener is still half open', async function () {
      // Node would hold server.close() for such a connection up to its 60 s headers timeout.
      this.timeout(20_000);
      t = await makeCore({ server, settings: { redirectUri } });
      const core = t;
      core.browser.before.push((real) => {
        const socket = createConnection({ host: '127.0.0.1', port: Number(new URL(real).port) }, () =>
          socket.write('GET /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
        );
        socket.on('error', () => undefined);
        sockets.push(socket);
        return new URL('/elsewhere', real).href;
      });
      const before = core.clock.now();
      const session = await core.core.createSession([]);
      const stored = JSON.parse(core.secrets.data.get(`panopto.auth.session.${session.id}`) ?? 'null') as StoredSession;
      assert.ok(stored.issuedAt >= before && stored.issuedAt <= core.clock.now());
      assert.equal(stored.expiresAt - stored.issuedAt, 3600 * 1000);
    });
  });
});

describe('hardening: loopback address', () => {
  const servers = new LoopbackServers(new RedirectRouter(log), log);

  it('listens where the redirect URI says: localhost on 127.0.0.1, an explicit loopback IP on that IP', () => {
    assert.equal(listenAddressFor('http://localhost:9127/redirect'), '127.0.0.1');
    assert.equal(listenAddressFor('http://127.0.0.2:9127/redirect'), '127.0.0.2');
    assert.equal(listenAddressFor('http://[::1]:9127/redirect'), '::1');
    assert.throws(() => listenAddressFor('http://example.com:9127/redirect'), ConfigurationError);
  });

  it('a redirect to http://127.0.0.2:PORT reaches the listener (it used to listen on 127.0.0.1 only)', async () => {
    const lease = await servers.acquire(0, '/callback', listenAddressFor('http://127.0.0.2:9127/callback'));
    try {
      const response = await rawExchange(
        '127.0.0.2',
        lease.port,
        'GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.2\r\nConnection: close\r\n\r\n',
      );
      assert.equal(statusOf(response), 404, 'the listener on 127.0.0.2 answered');
    } finally {
      await lease.release();
    }
  });
});
