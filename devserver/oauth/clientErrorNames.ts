// oidc-provider 9 answers a grant type or response type that the client may not use with
// `invalid_request`. RFC 6749 names that case `unauthorized_client` (§4.1.2.1 for the authorize
// redirect, §5.2 for the token endpoint), as does IdentityServer, which Panopto's OAuth server is
// thought to be (docs/panopto.md#oauth-endpoints). This middleware renames it after
// oidc-provider has answered, so a client registered as the wrong Panopto client type sees
// `unauthorized_client` (switch oauthClientFault 'wrongClientType').
import type Provider from 'oidc-provider';

const NOT_ALLOWED = /^requested (grant type|response_type) is not allowed for this client$/;

export function registerUnauthorizedClientName(provider: Provider): void {
  provider.use(async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (typeof body === 'object' && body !== null && 'error' in body && 'error_description' in body) {
      const error = body;
      if (error.error === 'invalid_request' && NOT_ALLOWED.test(String(error.error_description))) error.error = 'unauthorized_client';
    }
    const location = ctx.response.get('location');
    if (location) {
      let url: URL;
      try {
        url = new URL(location);
      } catch {
        return;
      }
      if (url.searchParams.get('error') === 'invalid_request' && NOT_ALLOWED.test(url.searchParams.get('error_description') ?? '')) {
        url.searchParams.set('error', 'unauthorized_client');
        ctx.set('location', url.href);
      }
    }
  });
}
