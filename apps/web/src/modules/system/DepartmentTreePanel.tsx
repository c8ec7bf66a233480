import type { DepartmentNode } from '@shtp/core/system';
import { Tree, type TreeDataNode } from 'antd';
import { useMemo } from 'react';

function toTreeData(nodes: DepartmentNode[]): TreeDataNode[] {
  return nodes.map((node) => ({ key: node.id, title: node.name, children: toTreeData(node.children) }));
}

/** Department tree that filters a list; clicking the selected department again clears the filter. */
export function DepartmentTreePanel({ tree, selectedId, onSelect }: { tree: DepartmentNode[]; selectedId?: number; onSelect: (id?: number) => void }) {
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  if (treeData.length === 0) return null;
  return (
    <Tree
      treeData={treeData}
      defaultExpandAll
      blockNode
      selectedKeys={selectedId === undefined ? [] : [selectedId]}
      onSelect={(keys) => onSelect(keys.length > 0 ? Number(keys[0]) : undefined)}
    />
  );
}
