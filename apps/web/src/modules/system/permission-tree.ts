import type { PermissionNode } from '@shtp/core/platform';

function parentsByCode(nodes: readonly PermissionNode[], parent: string | null, into: Map<string, string | null>): Map<string, string | null> {
  for (const node of nodes) {
    into.set(node.code, parent);
    parentsByCode(node.children, node.code, into);
  }
  return into;
}

/** What a role stores: every checked code plus the menus above it, so the menus show up. */
export function withAncestors(tree: readonly PermissionNode[], checked: readonly string[]): string[] {
  const parents = parentsByCode(tree, null, new Map());
  const result = new Set<string>();
  for (const code of checked) {
    for (let current: string | null | undefined = code; current && !result.has(current); current = parents.get(current)) {
      result.add(current);
    }
  }
  return [...result];
}

/**
 * What the checkable Tree should show checked: only the leaves a role holds. Passing a parent would make
 * the Tree check all its children.
 */
export function checkedLeaves(tree: readonly PermissionNode[], held: readonly string[]): string[] {
  const heldSet = new Set(held);
  const leaves = (nodes: readonly PermissionNode[]): string[] =>
    nodes.flatMap((node) => (node.children.length === 0 ? (heldSet.has(node.code) ? [node.code] : []) : leaves(node.children)));
  return leaves(tree);
}
