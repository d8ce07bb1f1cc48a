// Request bodies of the REST v1 changes (Panopto's SessionUpdate, FolderCreate, FolderUpdate).
// Every field is optional and a missing or null one means "leave as is" (Panopto's own sample renames
// with {"Name": …} alone, docs/panopto.md#changing-folders-and-sessions); unknown fields are ignored. A field of the wrong type,
// a blank Name or a malformed GUID is a 400 with an APIError naming the field.
import { GUID } from './http';

export interface ChangeBody {
  name?: string;
  description?: string;
  /** Folder (SessionUpdate) or Parent (FolderCreate/FolderUpdate), lowercase; ZERO_GUID = top level. */
  target?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function optionalString(body: Record<string, unknown>, field: string): Parsed<string | undefined> {
  const value = body[field];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, message: `${field} must be a string.` };
  return { ok: true, value };
}

/** Reads Name, Description and the move target (`targetField`: 'Folder' or 'Parent'). */
export function parseChangeBody(
  body: Record<string, unknown>,
  targetField: 'Folder' | 'Parent',
  nameRequired: boolean,
): Parsed<ChangeBody> {
  const name = optionalString(body, 'Name');
  if (!name.ok) return name;
  if (name.value === undefined && nameRequired) return { ok: false, message: 'Name is required.' };
  if (name.value !== undefined && name.value.trim() === '') return { ok: false, message: 'Name must not be empty.' };
  const description = optionalString(body, 'Description');
  if (!description.ok) return description;
  const target = optionalString(body, targetField);
  if (!target.ok) return target;
  if (target.value !== undefined && !GUID.test(target.value)) {
    return { ok: false, message: `${targetField} '${target.value}' is not a valid GUID.` };
  }
  return {
    ok: true,
    value: { name: name.value, description: description.value, target: target.value?.toLowerCase() },
  };
}
