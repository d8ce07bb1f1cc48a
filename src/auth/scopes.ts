// Scope lists: sessions keep the scopes as the caller asked (VS Code compares them), matching
// uses sorted, de-duplicated sets.

export function normalizeScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((s) => s.trim()).filter((s) => s.length > 0))].sort();
}

/** Requested scopes, or the defaults when the caller asked for none. Order kept as given. */
export function effectiveScopes(requested: readonly string[] | undefined, defaults: readonly string[]): string[] {
  const asked = (requested ?? []).filter((s) => s.trim().length > 0);
  return asked.length > 0 ? [...new Set(asked)] : [...new Set(defaults)];
}

/** What sign-in asks the server for: the caller's scopes plus the configured ones. */
export function scopesToRequest(requested: readonly string[], configured: readonly string[]): string[] {
  return normalizeScopes([...requested, ...configured]);
}

export function includesAll(granted: readonly string[], wanted: readonly string[]): boolean {
  const have = new Set(granted);
  return wanted.every((s) => have.has(s));
}
