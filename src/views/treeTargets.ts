// What a command or a drop aims at when it is given a node of the Folders tree. Arguments from
// menus and other extensions arrive untyped, so these accept anything and check the shape.
import type { TreeNode } from './folderModel';

/** A folder node's folder, a session node's folder (upload next to it), else undefined. */
export function folderOfNode(node: unknown): { id: string; name?: string } | undefined {
  if (typeof node !== 'object' || node === null) {
    return undefined;
  }
  const n = node as { kind?: unknown; id?: unknown; folder?: { name?: unknown }; parent?: unknown };
  if (n.kind === 'folder' && typeof n.id === 'string') {
    return { id: n.id, name: typeof n.folder?.name === 'string' ? n.folder.name : undefined };
  }
  if (n.kind === 'session') {
    return folderOfNode(n.parent);
  }
  return undefined;
}

/** The web address of a folder or session node, as Panopto sent it. */
export function linkOfNode(node: TreeNode | undefined): string | undefined {
  if (node?.kind === 'folder') return node.folder.url;
  if (node?.kind === 'session') return node.session.viewerUrl;
  return undefined;
}

/** A folder or recording a command acts on: from a tree node, or given by reference (other extensions, tests). */
export type ChangeTarget =
  { kind: 'folder'; id: string; name: string; parentId?: string } | { kind: 'session'; id: string; name: string; folderId: string };

function str(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * A tree node (`{ kind: 'folder', folder }` or `{ kind: 'session', session }`) or a plain reference
 * (`{ kind: 'folder', id, name, parentId? }`, `{ kind: 'session', id, name, folderId }`) as a target.
 */
export function targetOf(arg: unknown): ChangeTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const inner = (a.kind === 'folder' ? a.folder : a.kind === 'session' ? a.session : undefined) as Record<string, unknown> | undefined;
  const source = typeof inner === 'object' && inner !== null ? inner : a;
  const { id, name } = source;
  if (!str(id) || typeof name !== 'string') return undefined;
  if (a.kind === 'folder') {
    return { kind: 'folder', id, name, ...(str(source.parentId) ? { parentId: source.parentId } : {}) };
  }
  if (a.kind === 'session' && str(source.folderId)) {
    return { kind: 'session', id, name, folderId: source.folderId };
  }
  return undefined;
}

/**
 * What a tree command runs on: VS Code passes (clicked node, all selected nodes) from a context menu;
 * the palette passes nothing, and then the tree's selection counts. Duplicates are dropped.
 */
export function targetsOf(clicked: unknown, selected: unknown, fallback: readonly unknown[]): ChangeTarget[] {
  const candidates = Array.isArray(selected) && selected.length > 0 ? selected : clicked !== undefined ? [clicked] : fallback;
  const seen = new Set<string>();
  const targets: ChangeTarget[] = [];
  for (const candidate of candidates) {
    const target = targetOf(candidate);
    if (target && !seen.has(`${target.kind}:${target.id}`)) {
      seen.add(`${target.kind}:${target.id}`);
      targets.push(target);
    }
  }
  return targets;
}
