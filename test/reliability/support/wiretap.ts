// Collects every secret that crosses the wire between the auth core and the dev server: a fetch
// wrapper (given to the core as `oauth.fetch`) reads each token request's form (code, code_verifier,
// refresh_token, client_secret, Basic credentials) and each JSON answer (access, refresh and ID
// tokens). The Secrets cases then scan logs, messages and API results for all of them.
import { devClient, devUserClient } from '../../support/devServer';

/** The NetID application key of the dev server's ID provider (devserver/README.md). */
export const DEV_APPLICATION_KEY = '6F9619FF-8B86-D011-B42D-00C04FC964FF';

/** Every secret seen on the wire during the run, plus the fixed client secrets and application key. */
export const wireSecrets = new Set<string>([devClient.clientSecret, devUserClient.clientSecret, DEV_APPLICATION_KEY]);

function keep(value: string | null | undefined): void {
  if (typeof value === 'string' && value.length >= 8) wireSecrets.add(value);
}

function readForm(body: unknown): URLSearchParams | undefined {
  if (body instanceof URLSearchParams) return body;
  if (typeof body === 'string') return new URLSearchParams(body);
  return undefined;
}

export const tappedFetch: typeof fetch = async (input, init) => {
  const form = readForm(init?.body);
  if (form) {
    for (const name of ['code', 'code_verifier', 'refresh_token', 'client_secret', 'token', 'password']) keep(form.get(name));
  }
  const authorization = new Headers(init?.headers).get('authorization');
  if (authorization?.startsWith('Basic ')) {
    keep(authorization.slice(6));
    const [, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
    keep(decodeURIComponent(secret ?? ''));
  }
  const response = await fetch(input, init);
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const json = (await response.clone().json()) as Record<string, unknown>;
      for (const name of ['access_token', 'refresh_token', 'id_token']) keep(typeof json[name] === 'string' ? json[name] : undefined);
    } catch {
      // not JSON after all (a fault case): nothing to collect
    }
  }
  return response;
};

/** The secrets found in `text` (empty when clean). Short fragments are reported by a prefix only. */
export function secretsIn(text: string): string[] {
  return [...wireSecrets].filter((secret) => text.includes(secret)).map((s) => `${s.slice(0, 6)}…`);
}
