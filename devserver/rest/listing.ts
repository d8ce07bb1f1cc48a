// List answers of REST v1: the query parameters every list shares (sortField, sortOrder,
// pageNumber, searchQuery, canCreate) and paging. Paging: 0-based pageNumber, `pageSize` items per
// page (a switch: Panopto's page size is unknown), then an empty Results (docs/panopto.md#paging).
import type { SeedFolder, SeedSession } from './catalog';
import { apiError, json, type RestRequest } from './http';

export type SortOrder = 'Asc' | 'Desc';

export interface Sort {
  field: string;
  order: SortOrder;
}

/** sortField/sortOrder, or undefined after answering 400. */
export function sortParams(r: RestRequest, fields: string[], defaultField: string): Sort | undefined {
  const field = r.url.searchParams.get('sortField') ?? defaultField;
  const order = r.url.searchParams.get('sortOrder') ?? 'Asc';
  if (!fields.includes(field)) {
    apiError(r.res, 400, 'InvalidArgument', `sortField '${field}' is not valid here; use ${fields.join(' or ')}.`);
    return undefined;
  }
  if (order !== 'Asc' && order !== 'Desc') {
    apiError(r.res, 400, 'InvalidArgument', `sortOrder '${order}' is not valid; use Asc or Desc.`);
    return undefined;
  }
  return { field, order };
}

/** The trimmed searchQuery, or undefined after answering 400 (it is required). */
export function requiredQuery(r: RestRequest): string | undefined {
  const query = r.url.searchParams.get('searchQuery');
  if (query === null || query.trim() === '') {
    apiError(r.res, 400, 'InvalidArgument', 'The searchQuery parameter is required.');
    return undefined;
  }
  return query.trim();
}

/** canCreate (bool, default false), or undefined after answering 400. */
export function canCreateParam(r: RestRequest): boolean | undefined {
  const raw = r.url.searchParams.get('canCreate');
  if (raw === null || raw === '') return false;
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  apiError(r.res, 400, 'InvalidArgument', `canCreate '${raw}' is not a boolean.`);
  return undefined;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: false });

export function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
}

export function sortFolders(folders: SeedFolder[], order: SortOrder): SeedFolder[] {
  const sign = order === 'Asc' ? 1 : -1;
  return [...folders].sort((a, b) => sign * byName(a, b));
}

export function sortSessions(sessions: SeedSession[], field: string, order: SortOrder): SeedSession[] {
  const sign = order === 'Asc' ? 1 : -1;
  return [...sessions].sort((a, b) => {
    const primary = field === 'CreatedDate' ? a.startTime.localeCompare(b.startTime) : 0;
    return sign * (primary || byName(a, b));
  });
}

/** Case- and accent-insensitive form for matching ("etudes" finds "Études"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Answers one page of `items` as { Results } (or a fault's shape). */
export function page<T>(r: RestRequest, items: T[], toJson: (item: T) => unknown): void {
  const raw = r.url.searchParams.get('pageNumber') ?? '0';
  if (!/^\d+$/.test(raw)) {
    apiError(r.res, 400, 'InvalidArgument', `pageNumber '${raw}' is not a non-negative integer.`);
    return;
  }
  const size = Math.max(1, r.switches.pageSize);
  let pageNumber = Number(raw);
  if (r.faultApplies && r.switches.restFaultMode === 'endlessPaging' && pageNumber * size >= items.length && items.length > 0) {
    pageNumber = 0;
  }
  const results = items.slice(pageNumber * size, (pageNumber + 1) * size).map(toJson);
  if (r.faultApplies && r.switches.restFaultMode === 'bareArray') {
    json(r, 200, results);
    return;
  }
  json(r, 200, { Results: results });
}
