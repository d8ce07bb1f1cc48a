// Where src/uploads/resumeStore.ts keeps interrupted uploads in globalState, and whether a site and
// account has any: a window that starts with none to resume leaves the queue's code unloaded
// until the first upload (src/uploadsModule.ts).
const STATE_KEY = 'panopto.uploads.resume';

/** globalState key of the interrupted uploads of one site and account (`https://host|user-guid`). */
export function resumeStateKey(scope: string): string {
  return `${STATE_KEY}/${scope}`;
}

export function hasInterruptedUploads(state: { get<T>(key: string): T | undefined }, scope: string): boolean {
  const stored = state.get<unknown>(resumeStateKey(scope));
  return Array.isArray(stored) && stored.length > 0;
}
