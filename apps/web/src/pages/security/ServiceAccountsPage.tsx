import { PlusOutlined } from '@ant-design/icons';
import { P, SERVICE_ACCOUNT_STATUS_LABELS, SERVICE_ACCOUNT_STATUSES, type ServiceAccount, type ServiceAccountCredential } from '@shtp/core/platform';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { useDepartmentTree } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { formatDateTime } from '../../shared/format';
import { KeywordStatusToolbar, PagedTable, useKeywordStatusList } from '../../shared/paged-list';
import { ServiceAccountFormModal } from './ServiceAccountFormModal';
import { ServiceAccountRotateModal } from './ServiceAccountRotateModal';
import { ServiceAccountSecretModal } from './ServiceAccountSecretModal';

const queryKey = ['security', 'service-accounts'];

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; account: ServiceAccount }
  | { kind: 'rotate'; account: ServiceAccount }
  | { kind: 'secret'; credential: ServiceAccountCredential };

/** 接入应用管理: the systems that call the API with signed requests (docs/api/service-accounts.md). */
export default function ServiceAccountsPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const { tree } = useDepartmentTree();
  const { query, filters, tablePagination } = useKeywordStatusList<ServiceAccount['status']>();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const accounts = useQuery({
    queryKey: [...queryKey, query],
    queryFn: () => api.get<Page<ServiceAccount>>('/api/security/service-accounts', query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  const setAccountStatus = useMutation({
    mutationFn: (a: ServiceAccount) =>
      api.put<ServiceAccount>(`/api/security/service-accounts/${a.id}`, { status: a.status === 'active' ? 'disabled' : 'active' }),
    onSuccess: (a) => {
      message.success(a.status === 'active' ? '已启用' : '已停用，该应用的调用将被拒绝');
      refresh();
    },
    onError: (error) => reportError(error),
  });

  /** A new secret is shown once; an SM2 account or a plain edit just refreshes the list. */
  const saved = (credential: ServiceAccountCredential | undefined, text: string) => {
    refresh();
    if (credential?.secret) setDialog({ kind: 'secret', credential });
    else {
      message.success(text);
      setDialog(null);
    }
  };

  const manage = can(P.serviceAccountManage);
  const columns: TableColumnsType<ServiceAccount> = [
    {
      title: '应用',
      key: 'app',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <span>{a.name}</span>
          <Typography.Text type="secondary" code copyable={{ text: a.appId }}>
            {a.appId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '所属部门', dataIndex: 'departmentName' },
    { title: '授权范围', dataIndex: 'scopes', render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>) },
    {
      title: '来源地址',
      dataIndex: 'ipAllowlist',
      render: (ips: string[]) => (ips.length === 0 ? <Tag color="orange">不限</Tag> : ips.map((ip) => <Tag key={ip}>{ip}</Tag>)),
    },
    {
      title: '签名方式',
      key: 'signAlg',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <span>{a.signAlg}</span>
          {a.previousKeyValidUntil && <Typography.Text type="secondary">旧密钥有效至 {formatDateTime(a.previousKeyValidUntil)}</Typography.Text>}
          {a.serverPublicKey && (
            <Tooltip title="平台响应签名的验签公钥，交给对方">
              <Typography.Text type="secondary" copyable={{ text: a.serverPublicKey, tooltips: ['复制平台验签公钥', '已复制'] }}>
                平台验签公钥
              </Typography.Text>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '速率限制', key: 'rate', render: (_, a) => `${a.rateLimitRps} 次/秒，突发 ${a.rateLimitBurst}` },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: ServiceAccount['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{SERVICE_ACCOUNT_STATUS_LABELS[s]}</Tag>,
    },
    { title: '最近调用', dataIndex: 'lastUsedAt', render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, a) =>
        manage && (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', account: a })}>
              编辑
            </Button>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'rotate', account: a })} data-testid={`service-account-rotate-${a.appId}`}>
              轮换密钥
            </Button>
            <ConfirmLink
              title={a.status === 'active' ? `确定停用“${a.name}”？` : `确定启用“${a.name}”？`}
              description={a.status === 'active' ? '停用后该应用的所有调用立即被拒绝（APP_UNKNOWN）。' : undefined}
              onConfirm={() => setAccountStatus.mutate(a)}
              danger={a.status === 'active'}
            >
              {a.status === 'active' ? '停用' : '启用'}
            </ConfirmLink>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title="接入应用管理"
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="service-account-create">
            新增接入应用
          </Button>
        )
      }
    >
      <KeywordStatusToolbar filters={filters} placeholder="应用名称 / 应用标识" statuses={SERVICE_ACCOUNT_STATUSES} labels={SERVICE_ACCOUNT_STATUS_LABELS} />
      <PagedTable columns={columns} result={accounts} pagination={tablePagination} />
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <ServiceAccountFormModal
          account={dialog.kind === 'edit' ? dialog.account : undefined}
          tree={tree}
          onClose={() => setDialog(null)}
          onSaved={(credential) => saved(credential, '接入应用已保存')}
        />
      )}
      {dialog?.kind === 'rotate' && (
        <ServiceAccountRotateModal account={dialog.account} onClose={() => setDialog(null)} onRotated={(credential) => saved(credential, '已登记新公钥')} />
      )}
      {dialog?.kind === 'secret' && <ServiceAccountSecretModal credential={dialog.credential} onClose={() => setDialog(null)} />}
    </Card>
  );
}
