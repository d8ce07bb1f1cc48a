// Objects handed to callers (REST answers as the extension models them, the exported API) leave out
// fields that are undefined: cleaner for API consumers and for deepEqual in tests.

/**
 * Copies an object without the keys whose value is undefined. A plain loop: this runs for every
 * item of every page, and entries/filter/fromEntries cost several times as much.
 */
export function compact<T extends object>(value: T): T {
  const out: Partial<T> = {};
  for (const key in value) {
    if (value[key] !== undefined) {
      out[key] = value[key];
    }
  }
  return out as T;
}
