// The RS256 key that signs ID tokens. Generated once per process (dev tokens never outlive it),
// which also keeps oidc-provider from warning about its built-in development keys.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';

let cached: JWK | undefined;

export function devSigningKey(): JWK {
  if (!cached) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    cached = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  }
  return cached;
}
