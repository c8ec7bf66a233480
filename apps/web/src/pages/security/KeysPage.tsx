import { type KeyInfo, type KeyRotateResult, P } from '@shtp/core/platform';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { formatDateTime } from '../../shared/format';
import { groupKeys, type KeyGroup, rotationConsequence } from './key-groups';

const queryKey = ['security', 'keys'];

function VersionTag({ k }: { k: KeyInfo }) {
  const active = k.status === 'active';
  const when = active ? `启用于 ${formatDateTime(k.createdAt)}` : `停用于 ${formatDateTime(k.retiredAt)}（仍用于解密/验证）`;
  return (
    <Tooltip title={when}>
      <Tag color={active ? 'green' : 'default'}>
        v{k.version} {active ? '使用中' : '已停用'}
      </Tag>
    </Tooltip>
  );
}

/** 密钥管理 (C1–C5 operator view): every data key by purpose and version; the security admin rotates. Key material is never shown. */
export default function KeysPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const keys = useQuery({ queryKey, queryFn: () => api.get<KeyInfo[]>('/api/system/keys') });
  const groups = useMemo(() => groupKeys(keys.data ?? []), [keys.data]);

  const rotate = useMutation({
    mutationFn: (purpose: string) => api.post<KeyRotateResult>(`/api/system/keys/${purpose}/rotate`),
    onSuccess: (result) => {
      const job = result.reencryptJobId ? `；已排入重加密任务 #${result.reencryptJobId}（进度见“系统管理 → 任务队列”，队列 pii-reencrypt）` : '';
      message.success(`已轮换为 v${result.version}${job}`);
      queryClient.invalidateQueries({ queryKey });
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<KeyGroup> = [
    {
      title: '用途',
      key: 'purpose',
      render: (_, g) => (
        <Space direction="vertical" size={0}>
          <span>{g.label}</span>
          <Typography.Text type="secondary" code>
            {g.purpose}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '算法', dataIndex: 'algorithm', width: 110 },
    {
      title: '版本',
      key: 'versions',
      render: (_, g) => (
        <Space size={[0, 4]} wrap>
          {g.versions.map((k) => (
            <VersionTag key={k.version} k={k} />
          ))}
        </Space>
      ),
    },
    {
      title: 'SM2 公钥（当前版本）',
      key: 'publicKey',
      render: (_, g) =>
        g.active?.publicKey ? (
          <Typography.Text copyable={{ text: g.active.publicKey, tooltips: ['复制公钥', '已复制'] }} code>
            {`${g.active.publicKey.slice(0, 16)}…`}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, g) =>
        !g.rotatable ? (
          <Tooltip title="轮换须重建全部盲索引，属于计划内迁移，不提供在线轮换">
            <Tag>不可轮换</Tag>
          </Tooltip>
        ) : (
          can(P.keyRotate) && (
            <ConfirmLink
              title={`确定轮换“${g.label}”？`}
              description={<div style={{ maxWidth: 360 }}>{rotationConsequence(g.purpose)} 此操作不可撤销，并记入审计日志。</div>}
              okText="轮换"
              onConfirm={() => rotate.mutate(g.purpose)}
              danger={false}
              loading={rotate.isPending && rotate.variables === g.purpose}
              testId={`key-rotate-${g.purpose}`}
            >
              轮换
            </ConfirmLink>
          )
        ),
    },
  ];

  return (
    <Card title="密钥管理">
      <Alert
        type="info"
        showIcon
        className="auth-alert"
        title="本页只显示密钥的用途、算法、版本和状态。密钥本身以主密钥加密保存，任何页面和接口都不显示；SM2 密钥只显示公钥（供外部验签）。"
      />
      <Table rowKey="purpose" columns={columns} dataSource={groups} loading={keys.isFetching} pagination={false} scroll={{ x: 'max-content' }} />
    </Card>
  );
}
