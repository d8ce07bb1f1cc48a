// The API clients registered on the dev server, as a Panopto admin would create them at
// System → API Clients (panopto-api.md §1.2).
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

export function clientMetadata(extraRedirectUris: readonly string[]): ClientMetadata[] {
  return [
    {
      // "Server-side Web Application": authorization code (+ refresh with offline_access).
      client_id: devClient.clientId,
      client_secret: devClient.clientSecret,
      client_name: 'Panopto for VS Code (dev)',
      redirect_uris: [...new Set([...devClient.redirectUris, ...extraRedirectUris])],
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
