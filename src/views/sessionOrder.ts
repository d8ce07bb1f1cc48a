// How the Folders tree orders the recordings of a folder: by name (Panopto's own order, kept after a
// rename here) or by date, newest first, recordings without a date last. Plain data, no VS Code.
import { lazy } from '../vendor/lazy';

export type SessionOrder = 'name' | 'date';

interface Sortable {
  name: string;
  startTime?: string;
}

// Made on the first sort, not when the module loads: creating a Collator loads ICU's collation data,
// which took about a third of the extension's start-up time.
const byName = lazy(() => new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }));

function time(item: Sortable): number {
  const parsed = item.startTime ? Date.parse(item.startTime) : NaN;
  return Number.isNaN(parsed) ? -Infinity : parsed;
}

/** A sorted copy; ties keep their order, so equal names or dates do not jump around on redraw. */
export function sortSessions<T extends Sortable>(items: readonly T[], order: SessionOrder): T[] {
  const copy = [...items];
  if (order === 'date') {
    copy.sort((a, b) => time(b) - time(a) || byName().compare(a.name, b.name));
  } else {
    copy.sort((a, b) => byName().compare(a.name, b.name));
  }
  return copy;
}

export function isSessionOrder(value: unknown): value is SessionOrder {
  return value === 'name' || value === 'date';
}
