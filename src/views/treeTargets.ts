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
