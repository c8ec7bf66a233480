import type { Department } from '@shtp/core/system';
import { describe, expect, it } from 'vitest';
import { buildDepartmentTree, departmentOptions, filterDepartmentTree } from './department-tree';

const dept = (id: number, parentId: number | null, name: string): Department => ({
  id,
  parentId,
  name,
  code: String(310000 + id),
  level: parentId === null ? '总队' : '支队',
  sort: 0,
  enabled: true,
});

describe('buildDepartmentTree', () => {
  it('nests children under their parents, keeping the server order', () => {
    const tree = buildDepartmentTree([dept(1, null, '总队'), dept(2, 1, '浦东支队'), dept(3, 1, '黄浦支队'), dept(4, 2, '一大队')]);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.children.map((d) => d.name)).toEqual(['浦东支队', '黄浦支队']);
    expect(tree[0]?.children[0]?.children.map((d) => d.name)).toEqual(['一大队']);
  });

  it('makes a department whose parent is outside the data scope a root', () => {
    const tree = buildDepartmentTree([dept(2, 1, '浦东支队'), dept(4, 2, '一大队')]);
    expect(tree.map((d) => d.name)).toEqual(['浦东支队']);
  });
});

describe('departmentOptions', () => {
  it('leaves out a department and its subtree so it cannot become its own parent', () => {
    const tree = buildDepartmentTree([dept(1, null, '总队'), dept(2, 1, '浦东支队'), dept(4, 2, '一大队')]);
    expect(departmentOptions(tree, 2)).toEqual([{ value: 1, title: '总队' }]);
  });
});

describe('filterDepartmentTree', () => {
  const tree = buildDepartmentTree([dept(1, null, '总队'), dept(2, 1, '浦东支队'), dept(3, 1, '黄浦支队'), dept(4, 2, '一大队'), dept(5, 3, '二大队')]);

  it('keeps the matches with the way to them, and opens that way', () => {
    const found = filterDepartmentTree(tree, '一大');
    expect(found.nodes[0]?.children.map((d) => d.name)).toEqual(['浦东支队']);
    expect(found.nodes[0]?.children[0]?.children.map((d) => d.name)).toEqual(['一大队']);
    expect(found.expand.sort()).toEqual([1, 2]);
  });

  it('finds by code too, and returns the whole tree for an empty term', () => {
    expect(filterDepartmentTree(tree, '310005').nodes[0]?.children.map((d) => d.name)).toEqual(['黄浦支队']);
    expect(filterDepartmentTree(tree, '  ').nodes).toEqual(tree);
    expect(filterDepartmentTree(tree, '不存在').nodes).toEqual([]);
  });
});
