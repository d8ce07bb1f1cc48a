// Loads oidc-provider once, without its "Unsupported runtime" warning: oidc-provider 9 announces
// that it prefers Node 22, but the project's runtime is Node ≥ 20.19 (engines), where the parts the
// dev server uses work and are covered by its tests. Every other oidc-provider warning still prints.
import type * as OidcProvider from 'oidc-provider';

export type OidcProviderModule = typeof OidcProvider;

let loading: Promise<OidcProviderModule> | undefined;

export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return loading;
}
