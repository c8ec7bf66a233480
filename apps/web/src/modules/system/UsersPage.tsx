import { PlusOutlined } from '@ant-design/icons';
import { P } from '@shtp/core/platform';
import { USER_STATUSES, type User, type UserAction, type UserListItem } from '@shtp/core/system';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Row, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { queryKeys, useDepartmentTree } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { ExportButton } from '../../shared/ExportButton';
import { formatDateTime } from '../../shared/format';
import { InitialPasswordModal } from '../../shared/InitialPasswordModal';
import { KeywordStatusToolbar, PagedTable, useKeywordStatusList } from '../../shared/paged-list';
import { SecurityLabelTag } from '../../shared/SecurityLabelTag';
import { DepartmentTreePanel } from './DepartmentTreePanel';
import { Sm2KeyModal } from './Sm2KeyModal';
import { UserClearanceModal } from './UserClearanceModal';
import { UserFormModal } from './UserFormModal';
import { UserRolesModal } from './UserRolesModal';
import { isLocked, USER_STATUS_LABELS, UserStatusTag } from './user-status';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserListItem }
  | { kind: 'roles'; user: User }
  | { kind: 'sm2'; user: User }
  | { kind: 'clearance'; user: User }
  | { kind: 'password'; username: string; password: string };

/** Whether the server would allow the action: its decisions (permission, 三员分立) come with each listed user. */
const allowed = (user: UserListItem, action: UserAction) => user.actions[action].allowed;

export default function UsersPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const { departments, tree } = useDepartmentTree();

  const [departmentId, setDepartmentId] = useState<number>();
  const list = useKeywordStatusList<User['status']>();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const query = { ...list.query, departmentId };
  const users = useQuery({
    queryKey: [...queryKeys.users, query],
    queryFn: () => api.get<Page<UserListItem>>('/api/system/users', query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.users });

  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/system/users/${id}`),
    onSuccess: () => {
      message.success('用户已删除');
      refresh();
    },
    onError: (error) => reportError(error),
  });
  const resetPassword = useMutation({
    mutationFn: (user: User) => api.post<{ initialPassword: string }>(`/api/system/users/${user.id}/reset-password`),
    onSuccess: ({ initialPassword }, user) => setDialog({ kind: 'password', username: user.username, password: initialPassword }),
    onError: (error) => reportError(error),
  });
  const unlock = useMutation({
    mutationFn: (id: number) => api.post<User>(`/api/system/users/${id}/unlock`),
    onSuccess: () => {
      message.success('账户已解锁');
      refresh();
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<UserListItem> = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '警号', dataIndex: 'policeNo', render: (policeNo: string | null) => policeNo ?? '—' },
    { title: '部门', dataIndex: 'departmentName' },
    { title: '角色', dataIndex: 'roles', render: (roles: User['roles']) => roles.map((role) => <Tag key={role.id}>{role.name}</Tag>) },
    { title: '安全标记', dataIndex: 'clearance', render: (clearance: string) => <SecurityLabelTag label={clearance} /> },
    { title: '状态', key: 'status', width: 110, render: (_, user) => <UserStatusTag user={user} /> },
    { title: '最后登录', dataIndex: 'lastLoginAt', width: 160, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      // A bounded width: the buttons wrap instead of the column growing over 状态 and 最后登录 at 1366 px.
      width: 220,
      render: (_, user) => (
        <Space size={0} wrap>
          {allowed(user, 'update') && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user })} data-testid={`user-edit-${user.username}`}>
              编辑
            </Button>
          )}
          {allowed(user, 'setRoles') && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', user })} data-testid={`user-roles-${user.username}`}>
              分配角色
            </Button>
          )}
          {can(P.userGrant) && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'sm2', user })} data-testid={`user-sm2-${user.username}`}>
              登记SM2公钥
            </Button>
          )}
          {can(P.userClearance) && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'clearance', user })} data-testid={`user-clearance-${user.username}`}>
              安全标记
            </Button>
          )}
          {allowed(user, 'resetPassword') && (
            <ConfirmLink
              title={`确定重置 ${user.displayName} 的密码？`}
              description="将生成新的初始密码，用户下次登录须修改。"
              onConfirm={() => resetPassword.mutate(user)}
              danger={false}
              testId={`user-reset-${user.username}`}
            >
              重置密码
            </ConfirmLink>
          )}
          {can(P.userUnlock) && isLocked(user) && (
            <Button type="link" size="small" onClick={() => unlock.mutate(user.id)}>
              解锁
            </Button>
          )}
          {allowed(user, 'delete') && (
            <ConfirmLink title={`确定删除用户 ${user.displayName}？`} onConfirm={() => remove.mutate(user.id)} testId={`user-delete-${user.username}`} />
          )}
        </Space>
      ),
    },
  ];

  return (
    <Row gutter={16}>
      <Col xs={24} lg={5}>
        <Card title="部门" size="small" loading={departments.isPending}>
          <DepartmentTreePanel
            tree={tree}
            selectedId={departmentId}
            onSelect={(id) => {
              setDepartmentId(id);
              list.reset();
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={19}>
        <Card
          title="用户管理"
          extra={
            <Space>
              <ExportButton
                path="/api/system/users/export"
                filters={{ keyword: list.query.keyword, status: list.query.status, departmentId }}
                testId="user-export"
              />
              {can(P.userCreate) && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">
                  新增用户
                </Button>
              )}
            </Space>
          }
        >
          <KeywordStatusToolbar
            filters={list.filters}
            placeholder="用户名 / 姓名 / 警号"
            statuses={USER_STATUSES}
            labels={USER_STATUS_LABELS}
            searchTestId="user-keyword"
          />
          <PagedTable columns={columns} result={users} pagination={list.tablePagination} />
        </Card>
      </Col>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserFormModal
          user={dialog.kind === 'edit' ? dialog.user : undefined}
          disableRefusal={dialog.kind === 'edit' ? dialog.user.actions.disable.reason : undefined}
          defaultDepartmentId={departmentId}
          tree={tree}
          onClose={() => setDialog(null)}
          onCreated={(user, password) => setDialog({ kind: 'password', username: user.username, password })}
        />
      )}
      {dialog?.kind === 'roles' && <UserRolesModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'sm2' && <Sm2KeyModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'clearance' && <UserClearanceModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <InitialPasswordModal username={dialog.username} password={dialog.password} onClose={() => setDialog(null)} />}
    </Row>
  );
}
