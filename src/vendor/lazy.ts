// A value made on its first use and kept, for what activation must not pay for: the zod schemas of
// Panopto's answers (building a schema runs zod's constructors, and only a request needs one), the
// XML parser, the locale messages. The libraries themselves load through ./load.ts.

/** Returns a function that makes the value once, on its first call, and returns it ever after. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
