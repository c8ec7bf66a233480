import { P } from '@shtp/core/platform';
import type { Session } from '@shtp/core/system';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { ExportButton } from '../../shared/ExportButton';
import { formatDateTime } from '../../shared/format';
import { AddressLocksCard } from './AddressLocksCard';

export default function SessionsPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const sessions = useQuery({ queryKey: queryKeys.sessions, queryFn: () => api.get<Session[]>('/api/system/sessions') });

  const kick = useMutation({
    mutationFn: (id: string) => api.delete(`/api/system/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => {
      message.success('已强制下线');
      queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<Session> = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '部门', dataIndex: 'departmentName' },
    { title: 'IP 地址', dataIndex: 'ip' },
    {
      title: '终端',
      dataIndex: 'userAgent',
      // Long user-agent strings would push 强制下线 off a 1366 px screen: cut, the whole string in a tooltip.
      render: (userAgent: string) => (
        <Typography.Text className="user-agent-cell" ellipsis={{ tooltip: userAgent }}>
          {userAgent}
        </Typography.Text>
      ),
    },
    { title: '登录时间', dataIndex: 'createdAt', render: formatDateTime },
    { title: '最后活动', dataIndex: 'lastSeenAt', render: formatDateTime },
    { title: '过期时间', dataIndex: 'expiresAt', render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, session) =>
        session.current ? (
          <Tag color="green">当前会话</Tag>
        ) : (
          can(P.sessionKick) && (
            <ConfirmLink title={`确定将 ${session.displayName} 强制下线？`} onConfirm={() => kick.mutate(session.id)}>
              强制下线
            </ConfirmLink>
          )
        ),
    },
  ];

  return (
    <>
      <Card
        title="在线用户"
        extra={
          <Space>
            <ExportButton path="/api/system/sessions/export" testId="session-export" />
            <Button onClick={() => sessions.refetch()}>刷新</Button>
          </Space>
        }
      >
        <Table
          rowKey="id"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={sessions.data}
          loading={sessions.isFetching}
          pagination={{ pageSize: 20, showTotal: (count) => `共 ${count} 个会话` }}
        />
      </Card>
      {can(P.userUnlock) && <AddressLocksCard />}
    </>
  );
}
