// The API clients registered on the dev server, as a Panopto admin would create them at
// System → API Clients (docs/panopto.md#client-types).
// The code-flow client is not a static client: oidc-provider asks the adapter for it on every use
// (`clientAdapter`), so the switch oauthClientFault can misconfigure it at run time the way a site
// admin might (a different redirect URL, another client type, a disabled client).
import type { Adapter, AdapterPayload, ClientMetadata } from 'oidc-provider';
import type { OAuthClientFault } from '../faults';

export const devClient = {
  clientId: 'vscode-panopto-dev',
  clientSecret: 'dev-secret-not-for-production',
  /** Registered redirect URIs; matched exactly (scheme, host, port and path). */
  redirectUris: ['http://localhost:9127/redirect', 'http://127.0.0.1:9127/redirect'],
} as const;

/** "User Based Server Application": the resource-owner password grant (ID-provider integration). */
export const devUserClient = {
  clientId: 'vscode-panopto-dev-user',
  clientSecret: 'dev-user-secret-not-for-production',
} as const;

const isWebUri = (uri: string) => /^https?:\/\//i.test(uri);
const isLoopbackHttp = (uri: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/i.test(uri);

/**
 * oidc-provider lets a "web" client register only http(s) redirect URIs. An extra custom-scheme URI
 * (e.g. vscode://…/did-authenticate) needs application_type "native", which allows custom schemes
 * and loopback http, but would also let loopback ports float, so the OAuth front (oauth.ts) checks
 * redirect URIs exactly itself (`redirectUriRegistered`).
 */
function applicationTypeFor(redirectUris: readonly string[]): 'web' | 'native' {
  if (redirectUris.every(isWebUri)) return 'web';
  const unsupported = redirectUris.filter((uri) => isWebUri(uri) && !isLoopbackHttp(uri));
  if (unsupported.length) {
    throw new Error(
      `redirect URIs cannot mix a custom scheme with non-loopback web URIs (${unsupported.join(', ')}); ` +
        'register custom-scheme URIs together with http://localhost, http://127.0.0.1 or http://[::1] ones only',
    );
  }
  return 'native';
}

export function devClientRedirectUris(extraRedirectUris: readonly string[]): string[] {
  return [...new Set([...devClient.redirectUris, ...extraRedirectUris])];
}

/** What the site has registered under oauthClientFault 'redirectUriNotRegistered': a near miss
 *  (another port), the kind of slip an admin makes when typing the redirect URL. */
export const misregisteredRedirectUri = 'http://localhost:9128/redirect';

/** The dev client as the site has it registered now; undefined when it is disabled (unknown to the OAuth server). */
export function devClientMetadata(extraRedirectUris: readonly string[], fault: OAuthClientFault = 'none'): ClientMetadata | undefined {
  if (fault === 'disabledClient') return undefined;
  const redirectUris = fault === 'redirectUriNotRegistered' ? [misregisteredRedirectUri] : devClientRedirectUris(extraRedirectUris);
  const common = {
    client_id: devClient.clientId,
    client_secret: devClient.clientSecret,
    client_name: 'Panopto for VS Code (dev)',
    redirect_uris: redirectUris,
    application_type: applicationTypeFor(redirectUris),
    // oidc-provider accepts client_secret_post for a client_secret_basic client too, which is
    // what Panopto does (the official sample uses Basic for the code and the body for refresh).
    token_endpoint_auth_method: 'client_secret_basic',
  } satisfies ClientMetadata;
  if (fault === 'wrongClientType') {
    // A "JavaScript Web Application": implicit flow only, so the code flow and the code and refresh
    // grants answer unauthorized_client. oidc-provider takes http loopback redirect URIs for the
    // implicit flow only from a "native" client; the front check in oauth.ts keeps matching exact.
    return { ...common, application_type: 'native', grant_types: ['implicit'], response_types: ['id_token token'] };
  }
  // "Server-side Web Application": authorization code (+ refresh with offline_access).
  return { ...common, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
}

/** Exact string match: how Panopto matches is not documented, and exact is the strict reading (docs/panopto.md#redirect-uris). */
export function redirectUriRegistered(
  clientId: string,
  redirectUri: string,
  extraRedirectUris: readonly string[],
  fault: OAuthClientFault = 'none',
): boolean {
  if (clientId !== devClient.clientId) return false;
  return devClientMetadata(extraRedirectUris, fault)?.redirect_uris?.includes(redirectUri) ?? false;
}

/** oidc-provider's storage for the 'Client' model: the dev client, read afresh on every lookup. */
export function clientAdapter(extraRedirectUris: readonly string[], currentFault: () => OAuthClientFault): Adapter {
  const refuse = async (): Promise<never> => {
    throw new Error('clients are registered by the dev server, not at run time');
  };
  return {
    async find(id: string): Promise<AdapterPayload | undefined> {
      return id === devClient.clientId ? devClientMetadata(extraRedirectUris, currentFault()) : undefined;
    },
    upsert: refuse,
    findByUserCode: async () => undefined,
    findByUid: async () => undefined,
    consume: refuse,
    destroy: refuse,
    revokeByGrantId: refuse,
  };
}

/** The static clients: the password-grant client (the code-flow client comes from clientAdapter). */
export function staticClientMetadata(): ClientMetadata[] {
  return [
    {
      client_id: devUserClient.clientId,
      client_secret: devUserClient.clientSecret,
      client_name: 'Panopto for VS Code (dev, user based)',
      redirect_uris: [],
      grant_types: ['password'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ];
}
