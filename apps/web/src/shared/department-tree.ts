import type { Department, DepartmentNode } from '@shtp/core/system';

/**
 * Builds the tree from the server's flat, ordered list. A department whose parent is not in the list
 * (outside the user's data scope) becomes a root.
 */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const nodes: DepartmentNode[] = departments.map((department) => ({ ...department, children: [] }));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export interface DepartmentOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: DepartmentOption[];
}

/** TreeSelect data; `excludeId` removes a department and its subtree (a department cannot move under itself). */
export function departmentOptions(nodes: readonly DepartmentNode[], excludeId?: number): DepartmentOption[] {
  return nodes
    .filter((node) => node.id !== excludeId)
    .map((node) => {
      const children = departmentOptions(node.children, excludeId);
      return {
        value: node.id,
        title: node.enabled ? node.name : `${node.name}（已停用）`,
        ...(children.length > 0 ? { children } : {}),
      };
    });
}

/**
 * The departments whose name or code contains `term` (case-insensitive), with the ancestors that lead to them and
 * the ids to expand so that every match shows; the whole tree for an empty term.
 */
export function filterDepartmentTree(nodes: readonly DepartmentNode[], term: string): { nodes: DepartmentNode[]; expand: number[] } {
  const needle = term.trim().toLowerCase();
  if (!needle) return { nodes: [...nodes], expand: [] };
  const expand: number[] = [];
  const keep = (list: readonly DepartmentNode[]): DepartmentNode[] =>
    list.flatMap((node) => {
      const children = keep(node.children);
      const hit = node.name.toLowerCase().includes(needle) || node.code.toLowerCase().includes(needle);
      if (!hit && children.length === 0) return [];
      if (children.length > 0) expand.push(node.id);
      return [{ ...node, children }];
    });
  return { nodes: keep(nodes), expand };
}
