// Panopto's "ID provider integration" sign-in (docs/panopto.md#id-provider-sign-in): the password of the OAuth
// password grant is derived from the user key and the ID provider's application key.
// Hand-written because it is Panopto's own recipe; node:crypto does the hashing.
import { createHash } from 'node:crypto';

/** Base64(SHA-256(UTF-8(lower(userKey) + "|" + lower(applicationKey)))), 44 characters. */
export function applicationKeyPassword(userKey: string, applicationKey: string): string {
  return createHash('sha256').update(`${userKey.toLowerCase()}|${applicationKey.toLowerCase()}`, 'utf8').digest('base64');
}

/** A Panopto user key names its ID provider before a backslash, e.g. `NetID\John`. */
export function isProviderQualifiedUserKey(userKey: string): boolean {
  return /^[^\\\s]+\\[^\\]+$/.test(userKey.trim());
}
