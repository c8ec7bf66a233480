import { type IntegrityReport, P } from '@shtp/core/platform';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Space, Table, type TableColumnsType, Tag } from 'antd';
import { api } from '../../api/client';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';

type Finding = IntegrityReport['findings'][number];

const KIND_LABELS: Record<Finding['kind'], { text: string; color: string }> = {
  modified: { text: '被修改/非本系统写入', color: 'red' },
  deleted: { text: '被删除', color: 'red' },
  chain_broken: { text: '审计链断开', color: 'volcano' },
  unsealed: { text: '未入链', color: 'orange' },
};
const queryKey = ['audit', 'integrity'];

/** 审计日志完整性校验 (C2): the latest verification reports and their findings; the audit admin can start one. */
export default function IntegrityPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const reports = useQuery({ queryKey, queryFn: () => api.get<IntegrityReport[]>('/api/audit/integrity') });
  const verify = useMutation({
    mutationFn: () => api.post('/api/audit/integrity/verify'),
    onSuccess: () => {
      message.success('已排入校验任务，完成后刷新本页查看结果');
      setTimeout(() => queryClient.invalidateQueries({ queryKey }), 3000);
    },
    onError: (error) => reportError(error),
  });

  const latest = reports.data?.[0];
  const columns: TableColumnsType<Finding> = [
    { title: '类型', dataIndex: 'kind', width: 180, render: (kind: Finding['kind']) => <Tag color={KIND_LABELS[kind].color}>{KIND_LABELS[kind].text}</Tag> },
    { title: '对象', dataIndex: 'target', width: 140 },
    { title: '记录', dataIndex: 'id', width: 120 },
    { title: '说明', dataIndex: 'message' },
  ];
  const history: TableColumnsType<IntegrityReport> = [
    { title: '开始时间', dataIndex: 'startedAt', render: formatDateTime },
    { title: '完成时间', dataIndex: 'finishedAt', render: formatDateTime },
    { title: '校验记录数', dataIndex: 'checked' },
    { title: '发现问题', dataIndex: 'findings', render: (f: Finding[]) => (f.length ? <Tag color="red">{f.length}</Tag> : <Tag color="green">无</Tag>) },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="完整性校验（审计日志与访问控制数据）"
        extra={
          can(P.integrityVerify) && (
            <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate()} data-testid="integrity-verify">
              立即校验
            </Button>
          )
        }
      >
        {!latest ? (
          <Empty description="尚无校验报告（每日自动校验一次）" />
        ) : latest.findings.length === 0 ? (
          <Alert
            type="success"
            showIcon
            title={`最近一次校验（${formatDateTime(latest.finishedAt)}）共校验 ${latest.checked} 条记录（审计日志与访问控制数据），未发现篡改。`}
          />
        ) : (
          <>
            <Alert type="error" showIcon title={`最近一次校验（${formatDateTime(latest.finishedAt)}）发现 ${latest.findings.length} 处问题，请立即核查。`} />
            <Table
              rowKey={(f) => `${f.target}:${f.id}:${f.kind}`}
              columns={columns}
              dataSource={latest.findings}
              pagination={{ pageSize: 20 }}
              style={{ marginTop: 16 }}
            />
          </>
        )}
      </Card>
      <Card title="校验历史">
        <Table rowKey="id" columns={history} dataSource={reports.data ?? []} loading={reports.isLoading} pagination={false} />
      </Card>
    </Space>
  );
}
