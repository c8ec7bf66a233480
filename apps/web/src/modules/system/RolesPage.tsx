import { PlusOutlined } from '@ant-design/icons';
import { DATA_SCOPE_LABELS, P } from '@shtp/core/platform';
import type { Role } from '@shtp/core/system';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { queryKeys, useRoles } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { ExportButton } from '../../shared/ExportButton';
import { ADMIN_KIND_LABELS } from './admin-kind';
import { RoleFormModal } from './RoleFormModal';

type Dialog = { role?: Role; readOnly: boolean };

export default function RolesPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const roles = useRoles();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/system/roles/${id}`),
    onSuccess: () => {
      message.success('角色已删除');
      queryClient.invalidateQueries({ queryKey: queryKeys.roles });
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<Role> = [
    { title: '角色代码', dataIndex: 'code' },
    {
      title: '角色名称',
      dataIndex: 'name',
      render: (name: string, role) => (
        <Space size={4}>
          {name}
          {role.adminKind && <Tag color="volcano">三员·{ADMIN_KIND_LABELS[role.adminKind]}</Tag>}
        </Space>
      ),
    },
    { title: '数据范围', dataIndex: 'dataScope', render: (scope: Role['dataScope']) => DATA_SCOPE_LABELS[scope] },
    { title: '内置', dataIndex: 'builtIn', render: (builtIn: boolean) => (builtIn ? <Tag color="blue">内置</Tag> : '—') },
    { title: '用户数', dataIndex: 'userCount' },
    { title: '说明', dataIndex: 'description', width: 240, ellipsis: true },
    {
      title: '操作',
      key: 'actions',
      render: (_, role) => {
        const editable = !role.builtIn && can(P.roleUpdate);
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDialog({ role, readOnly: !editable })}>
              {editable ? '编辑' : '查看'}
            </Button>
            {!role.builtIn && can(P.roleDelete) && <ConfirmLink title={`确定删除角色「${role.name}」？`} onConfirm={() => remove.mutate(role.id)} />}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title="角色管理"
      extra={
        <Space>
          <ExportButton path="/api/system/roles/export" testId="role-export" />
          {can(P.roleCreate) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ readOnly: false })} data-testid="role-create">
              新增角色
            </Button>
          )}
        </Space>
      }
    >
      <Table
        rowKey="id"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={roles.data}
        loading={roles.isFetching}
        pagination={{ pageSize: 20, showTotal: (count) => `共 ${count} 个角色` }}
      />
      {dialog && <RoleFormModal role={dialog.role} readOnly={dialog.readOnly} onClose={() => setDialog(null)} />}
    </Card>
  );
}
