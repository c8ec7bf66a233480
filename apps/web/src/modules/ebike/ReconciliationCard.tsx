import type { Reconciliation } from '@shtp/core/ebike';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ebikeKeys, useReconciliations } from '../../api/ebike-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { UploadStatusTag } from './UploadStatusTag';
import { useResend } from './use-resend';

const differences = (r: Reconciliation) => r.countMismatches.length + r.missing.length + r.missingElsewhere + r.unknownCount;

/** What 六合一 lacks: the caller's own businesses with their state and resend, and how many lack elsewhere. */
function Missing({ r, resend }: { r: Reconciliation; resend: ReturnType<typeof useResend> }) {
  if (r.missing.length + r.missingElsewhere === 0) return <>—</>;
  return (
    <Space orientation="vertical" size={2}>
      {r.missing.map((m) => (
        <Space key={m.lsh} size="small" data-testid={`reconcile-missing-${m.lsh}`}>
          <Link to={`/ebike/vehicles/${m.vehicleId}`}>{m.lsh}</Link>
          <UploadStatusTag upload={m.upload} />
          {m.actions.resend.allowed && (
            <Button size="small" loading={resend.isPending && resend.variables === m.businessId} onClick={() => resend.mutate(m.businessId)}>
              重新上传
            </Button>
          )}
        </Space>
      ))}
      {r.missingElsewhere > 0 && <Typography.Text type="secondary">其他部门 {r.missingElsewhere} 笔（不在您的数据范围内）</Typography.Text>}
    </Space>
  );
}

const columnsWith = (resend: ReturnType<typeof useResend>): TableColumnsType<Reconciliation> => [
  { title: '日期', dataIndex: 'day', width: 110 },
  {
    title: '结果',
    key: 'result',
    width: 90,
    render: (_, r) => (r.consistent ? <Tag color="success">一致</Tag> : <Tag color="error">不一致</Tag>),
  },
  { title: '本系统已受理', dataIndex: 'localCount', width: 110 },
  { title: '六合一记录', dataIndex: 'remoteCount', width: 100 },
  {
    title: '数量不一致的业务类型',
    key: 'counts',
    render: (_, r) =>
      r.countMismatches.length === 0
        ? '—'
        : r.countMismatches.map((c) => (
            <div key={c.key} data-testid={`reconcile-count-${c.key}`}>
              {c.label}：本系统 {c.local}，六合一 {c.remote}
            </div>
          )),
  },
  { title: '六合一缺少（已标记失败，可重新上传）', key: 'missing', render: (_, r) => <Missing r={r} resend={resend} /> },
  {
    title: '本系统无记录',
    key: 'unknown',
    render: (_, r) => (r.unknownCount === 0 ? '—' : r.unknown.length > 0 ? r.unknown.join('、') : `${r.unknownCount} 笔`),
  },
  { title: '对账时间', dataIndex: 'checkedAt', width: 170, render: formatDateTime },
];

/**
 * 每日对账: each day's accepted businesses against 六合一's own record — counts per business type and the serials —
 * nightly for the day before, or now for a chosen day. What 六合一 lacks becomes a failed upload, resent from here
 * or from the list below.
 */
export function ReconciliationCard({ canRun }: { canRun: boolean }) {
  const list = useReconciliations();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const resend = useResend();
  const run = useMutation({
    mutationFn: () => api.post<Reconciliation>('/api/ebike/uploads/reconciliations', { day: day.format('YYYY-MM-DD') }),
    onSuccess: (r) => {
      message.success(r.consistent ? `${r.day} 对账一致` : `${r.day} 对账发现 ${differences(r)} 处不一致`);
      queryClient.invalidateQueries({ queryKey: ebikeKeys.uploads });
    },
    onError: (error) => reportError(error),
  });
  return (
    <Card
      size="small"
      title="每日对账"
      extra={
        canRun && (
          <Space>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />
            <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="reconcile-run">
              立即对账
            </Button>
          </Space>
        )
      }
    >
      <Table
        rowKey="day"
        size="small"
        columns={columnsWith(resend)}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        data-testid="reconciliations"
      />
    </Card>
  );
}
