// An object made on its first use, handed out before it exists. Activation gives the Panopto client
// and its services to every area (the views, the commands, the exported API), but none calls them
// until a view lists or a command runs; their code, with the schemas of Panopto's answers, loads
// then (src/features/load.ts). A Proxy lets the areas keep their plain types instead of each taking
// a getter.

/** Stands in for `make()`'s result, which is made on the first property access and kept. */
export function deferred<T extends object>(make: () => T): T {
  let made: T | undefined;
  const target = (): T => (made ??= make());
  return new Proxy({} as T, {
    get(_, key) {
      // Not a promise: `await`ing the stand-in (or returning it from an async function) must not make it.
      if (key === 'then') return undefined;
      const real = target();
      const value: unknown = Reflect.get(real, key, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
    set(_, key, value) {
      return Reflect.set(target(), key, value);
    },
    has(_, key) {
      return Reflect.has(target(), key);
    },
  });
}
