// REST v1 folders (docs/panopto.md#reading-folders-and-sessions,
// #changing-folders-and-sessions):
//   GET    /folders/{id}            Folder
//   GET    /folders/{id}/children   ListResponseOfFolder; the zero GUID lists the top level; canCreate=true
//                                   keeps only folders where the caller may create sessions
//   GET    /folders/search          ListResponseOfFolder (searchQuery required; canCreate as above)
//   POST   /folders                 FolderCreate {Name, Description, Parent} → Folder
//   PUT    /folders/{id}            FolderUpdate {Name, Description, Parent} → Folder (Parent moves; zero = top level)
//   DELETE /folders/{id}            the folder, its subfolders and their sessions → 200 "{id}"
import { ZERO_GUID, type SeedFolder } from './catalog';
import { parseChangeBody } from './bodies';
import { apiError, changeDenied, json, readJsonObject, type RestRequest } from './http';
import { byName, canCreateParam, fold, page, requiredQuery, sortFolders, sortParams, type SortOrder } from './listing';
import { existingFolder, mayCreateTopLevel, visibleFolder } from './lookup';
import { folderJson } from './shapes';

export function getFolder(r: RestRequest): void {
  const folder = visibleFolder(r, r.id);
  if (folder) json(r, 200, folderJson(r, folder));
}

export function folderChildren(r: RestRequest): void {
  const sort = sortParams(r, ['Name'], 'Name');
  if (!sort) return;
  const canCreate = canCreateParam(r);
  if (canCreate === undefined) return;
  let children: SeedFolder[];
  if (r.id.toLowerCase() === ZERO_GUID) {
    children = r.catalog.childrenOf(null);
  } else {
    const parent = visibleFolder(r, r.id);
    if (!parent) return;
    children = r.catalog.childrenOf(parent.id);
  }
  const listed = children.filter((f) =>
    canCreate ? r.catalog.canChange(r.principal.userName, f) : r.catalog.canSee(r.principal.userName, f),
  );
  page(r, sortFolders(listed, sort.order), (f) => folderJson(r, f));
}

export function searchFolders(r: RestRequest): void {
  const query = requiredQuery(r);
  if (query === undefined) return;
  const sort = sortParams(r, ['Relevance', 'Name'], 'Relevance');
  if (!sort) return;
  const canCreate = canCreateParam(r);
  if (canCreate === undefined) return;
  const needle = fold(query);
  const user = r.principal.userName;
  const hits = [...r.catalog.folders.values()].filter(
    (f) => fold(f.name).includes(needle) && (canCreate ? r.catalog.canChange(user, f) : r.catalog.canSee(user, f)),
  );
  const sorted = sort.field === 'Relevance' ? byRelevance(hits, needle, sort.order) : sortFolders(hits, sort.order);
  page(r, sorted, (f) => folderJson(r, f));
}

/** Relevance: names starting with the query first, then earlier matches, then by name. */
function byRelevance(folders: SeedFolder[], needle: string, order: SortOrder): SeedFolder[] {
  const sign = order === 'Asc' ? 1 : -1;
  return [...folders].sort((a, b) => sign * (fold(a.name).indexOf(needle) - fold(b.name).indexOf(needle) || byName(a, b)));
}

/** The folder a create or move puts things in, or undefined after answering (400 unknown, 403 not a creator there). */
function targetParent(r: RestRequest, parentId: string | undefined): SeedFolder | null | undefined {
  if (parentId === undefined || parentId === ZERO_GUID) {
    if (mayCreateTopLevel(r)) return null;
    changeDenied(r, 'create top-level folders');
    return undefined;
  }
  const parent = r.catalog.folders.get(parentId);
  if (!parent) {
    apiError(r.res, 400, 'InvalidArgument', `Parent folder ${parentId} does not exist.`);
    return undefined;
  }
  if (!r.catalog.canChange(r.principal.userName, parent)) {
    changeDenied(r, `create folders in ${parentId}`);
    return undefined;
  }
  return parent;
}

export async function createFolder(r: RestRequest): Promise<void> {
  const body = await readJsonObject(r);
  if (!body) return;
  const parsed = parseChangeBody(body, 'Parent', true);
  if (!parsed.ok) {
    apiError(r.res, 400, 'InvalidArgument', parsed.message);
    return;
  }
  const parent = targetParent(r, parsed.value.target);
  if (parent === undefined) return;
  const folder = r.catalog.addFolder({
    id: crypto.randomUUID(),
    name: parsed.value.name!,
    description: parsed.value.description ?? null,
    parentId: parent?.id ?? null,
    // A subfolder inherits its parent's permissions; a new top-level folder belongs to its creator.
    access: parent ? null : new Map([[r.principal.userName, 'creator']]),
  });
  json(r, 200, folderJson(r, folder));
}

export async function updateFolder(r: RestRequest): Promise<void> {
  const folder = existingFolder(r, r.id);
  if (!folder) return;
  const body = await readJsonObject(r);
  if (!body) return;
  const parsed = parseChangeBody(body, 'Parent', false);
  if (!parsed.ok) {
    apiError(r.res, 400, 'InvalidArgument', parsed.message);
    return;
  }
  const { name, description, target } = parsed.value;
  if (target !== undefined && target !== ZERO_GUID && r.catalog.folders.has(target) && r.catalog.isWithin(target, folder.id)) {
    apiError(r.res, 400, 'InvalidArgument', 'A folder cannot be moved into itself or one of its subfolders.');
    return;
  }
  if (!r.catalog.canChange(r.principal.userName, folder)) {
    changeDenied(r, `change folder ${folder.id}`);
    return;
  }
  const moving = target !== undefined && target !== (folder.parentId ?? ZERO_GUID);
  const parent = moving ? targetParent(r, target) : undefined;
  if (moving && parent === undefined) return;
  if (name !== undefined) folder.name = name;
  if (description !== undefined) folder.description = description;
  if (moving) r.catalog.moveFolder(folder, parent?.id ?? null);
  json(r, 200, folderJson(r, folder));
}

export function deleteFolder(r: RestRequest): void {
  const folder = existingFolder(r, r.id);
  if (!folder) return;
  if (!r.catalog.canChange(r.principal.userName, folder)) {
    changeDenied(r, `delete folder ${folder.id}`);
    return;
  }
  r.catalog.deleteFolder(folder);
  json(r, 200, folder.id);
}
