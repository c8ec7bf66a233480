import { PlusOutlined } from '@ant-design/icons';
import { P } from '@shtp/core/platform';
import type { Department, DepartmentNode } from '@shtp/core/system';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { queryKeys, useDepartmentTree } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { filterDepartmentTree } from '../../shared/department-tree';
import { ExportButton } from '../../shared/ExportButton';
import { type DepartmentEditing, DepartmentFormModal } from './DepartmentFormModal';

/** antd shows an expand arrow for any `children` array, so leaves must have none. */
type DepartmentRow = Omit<DepartmentNode, 'children'> & { children?: DepartmentRow[] };

function toRows(nodes: DepartmentNode[]): DepartmentRow[] {
  return nodes.map(({ children, ...department }) => (children.length > 0 ? { ...department, children: toRows(children) } : department));
}

export default function DepartmentsPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const { departments, tree } = useDepartmentTree();
  const [editing, setEditing] = useState<DepartmentEditing | null>(null);
  const [term, setTerm] = useState('');
  const found = useMemo(() => filterDepartmentTree(tree, term), [tree, term]);
  // Folded by default: the top level shows its direct subordinates; a search opens the way to every match.
  const [opened, setOpened] = useState<ReadonlySet<number> | null>(null);
  const expandedRowKeys = term.trim() ? found.expand : [...(opened ?? new Set(tree.map((root) => root.id)))];
  const toggle = (expanded: boolean, row: DepartmentRow) =>
    setOpened((current) => {
      const next = new Set(current ?? tree.map((root) => root.id));
      if (expanded) next.add(row.id);
      else next.delete(row.id);
      return next;
    });

  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/system/departments/${id}`),
    onSuccess: () => {
      message.success('部门已删除');
      queryClient.invalidateQueries({ queryKey: queryKeys.departments });
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<DepartmentRow> = [
    { title: '部门名称', dataIndex: 'name' },
    { title: '部门代码', dataIndex: 'code' },
    { title: '层级', dataIndex: 'level' },
    { title: '排序', dataIndex: 'sort' },
    { title: '状态', dataIndex: 'enabled', render: (enabled: boolean) => (enabled ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
    {
      title: '操作',
      key: 'actions',
      render: (_, row) => {
        const department: Department = { ...row };
        return (
          <Space size={0}>
            {can(P.deptCreate) && (
              <Button
                type="link"
                size="small"
                onClick={() => {
                  toggle(true, row); // the new subordinate shows under its parent once saved
                  setEditing({ mode: 'create', parent: department });
                }}
              >
                新增下级
              </Button>
            )}
            {can(P.deptUpdate) && (
              <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', department })}>
                编辑
              </Button>
            )}
            {can(P.deptDelete) && (
              <ConfirmLink title={`确定删除部门「${row.name}」？`} description="有下级部门或用户的部门不能删除。" onConfirm={() => remove.mutate(row.id)} />
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title="部门管理"
      extra={
        <Space>
          <ExportButton path="/api/system/departments/export" testId="dept-export" />
          {can(P.deptCreate) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parent: null })} data-testid="dept-create">
              新增部门
            </Button>
          )}
        </Space>
      }
    >
      <Input.Search
        allowClear
        placeholder="按部门名称或代码查找"
        className="toolbar filter-search"
        onSearch={setTerm}
        onChange={(e) => !e.target.value && setTerm('')}
        data-testid="dept-search"
      />
      <Table
        rowKey="id"
        columns={columns}
        dataSource={toRows(found.nodes)}
        locale={{ emptyText: term ? '没有匹配的部门' : undefined }}
        loading={departments.isFetching}
        pagination={false}
        expandable={{ expandedRowKeys, onExpand: toggle }}
      />
      {editing && <DepartmentFormModal editing={editing} tree={tree} onClose={() => setEditing(null)} />}
    </Card>
  );
}
