// The API clients registered on the dev server, as a Panopto admin would create them at
// System → API Clients (docs/panopto-api.md#client-types).
import type { ClientMetadata } from 'oidc-provider';

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

/** Exact string match: how Panopto matches is not documented, and exact is the strict reading (docs/panopto-api.md#redirect-uris). */
export function redirectUriRegistered(clientId: string, redirectUri: string, extraRedirectUris: readonly string[]): boolean {
  if (clientId !== devClient.clientId) return false;
  return devClientRedirectUris(extraRedirectUris).includes(redirectUri);
}

export function clientMetadata(extraRedirectUris: readonly string[]): ClientMetadata[] {
  const redirectUris = devClientRedirectUris(extraRedirectUris);
  return [
    {
      // "Server-side Web Application": authorization code (+ refresh with offline_access).
      client_id: devClient.clientId,
      client_secret: devClient.clientSecret,
      client_name: 'Panopto for VS Code (dev)',
      redirect_uris: redirectUris,
      application_type: applicationTypeFor(redirectUris),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      // oidc-provider accepts client_secret_post for a client_secret_basic client too, which is
      // what Panopto does (the official sample uses Basic for the code and the body for refresh).
      token_endpoint_auth_method: 'client_secret_basic',
    },
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
