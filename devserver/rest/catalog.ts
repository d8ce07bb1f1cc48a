// The folders and sessions behind REST v1, and who may do what with them.
// Permissions follow Panopto's folder roles (Viewer, Creator; the BuiltInRoleType enum of the public
// API): a folder either has its own grants (userName → role) or inherits its parent's, and a
// top-level folder always has its own ("Inheritance can not be set on a top-level folder", Panopto's
// Folders_UpdateAccessSettings). A user sees a folder when she has a role on it and sees its parent,
// so ParentFolder is never a folder she may not open. Creators may change a folder and what is in it.
// One catalog per dev server; uploads add sessions to it.

/** The top level: `GET /folders/{zero}/children` lists it; it is not a real folder (docs/panopto.md#the-top-level). */
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

export type FolderRole = 'viewer' | 'creator';

export interface SeedFolder {
  id: string;
  name: string;
  description: string | null;
  parentId: string | null;
  /** Own grants (userName → role), or null to inherit the parent's. */
  access: ReadonlyMap<string, FolderRole> | null;
}

/** One caption file of a session. */
export interface CaptionTrack {
  /** A ContentLanguage name (rest/languages.ts), or 'Default' when uploaded without a language. */
  language: string;
  /** The file as served by the caption download (SRT unless the restVttCaptions switch keeps VTT). */
  text: string;
}

export interface SeedSession {
  id: string;
  name: string;
  description: string | null;
  folderId: string;
  /** ISO timestamp. */
  startTime: string;
  durationSeconds: number;
  createdBy: { id: string; userName: string };
  /** Caption files, one per language, in upload order. */
  captions?: CaptionTrack[];
}

export class FolderCatalog {
  readonly folders = new Map<string, SeedFolder>();
  readonly sessions = new Map<string, SeedSession>();

  addFolder(folder: SeedFolder): SeedFolder {
    this.folders.set(folder.id, folder);
    return folder;
  }

  addSession(session: SeedSession): SeedSession {
    this.sessions.set(session.id, session);
    return session;
  }

  /** The user's role on the folder, or undefined when she may not see it (or one of its ancestors). */
  roleOf(userName: string, folder: SeedFolder): FolderRole | undefined {
    const role = this.grantsOf(folder)?.get(userName);
    if (!role) return undefined;
    const parent = folder.parentId ? this.folders.get(folder.parentId) : undefined;
    if (parent && !this.roleOf(userName, parent)) return undefined;
    return role;
  }

  canSee(userName: string, folder: SeedFolder): boolean {
    return this.roleOf(userName, folder) !== undefined;
  }

  /** Creators may add to a folder and change or delete it and its contents. */
  canChange(userName: string, folder: SeedFolder): boolean {
    return this.roleOf(userName, folder) === 'creator';
  }

  /** The grants that apply to the folder: its own or the nearest ancestor's. */
  grantsOf(folder: SeedFolder): ReadonlyMap<string, FolderRole> | undefined {
    for (let f: SeedFolder | undefined = folder; f; f = f.parentId ? this.folders.get(f.parentId) : undefined) {
      if (f.access) return f.access;
    }
    return undefined;
  }

  /** Children in insertion order; the REST layer sorts. `null` = top level. */
  childrenOf(parentId: string | null): SeedFolder[] {
    return [...this.folders.values()].filter((f) => f.parentId === parentId);
  }

  sessionsIn(folderId: string): SeedSession[] {
    return [...this.sessions.values()].filter((s) => s.folderId === folderId);
  }

  /** True when `folderId` is `ancestorId` or lies below it. */
  isWithin(folderId: string, ancestorId: string): boolean {
    for (let id: string | null = folderId; id; id = this.folders.get(id)?.parentId ?? null) {
      if (id === ancestorId) return true;
    }
    return false;
  }

  /** Moves a folder; one that inherited its grants keeps them when it becomes top level. */
  moveFolder(folder: SeedFolder, newParentId: string | null): void {
    if (newParentId === null && folder.access === null) {
      folder.access = new Map(this.grantsOf(folder) ?? []);
    }
    folder.parentId = newParentId;
  }

  /** Deletes the folder, its subfolders and every session in them. */
  deleteFolder(folder: SeedFolder): { folders: number; sessions: number } {
    const doomed = new Set([...this.folders.keys()].filter((id) => this.isWithin(id, folder.id)));
    let sessions = 0;
    for (const session of [...this.sessions.values()]) {
      if (doomed.has(session.folderId)) {
        this.sessions.delete(session.id);
        sessions++;
      }
    }
    for (const id of doomed) this.folders.delete(id);
    return { folders: doomed.size, sessions };
  }
}
