import type { Reconciliation } from '@shtp/core/ebike';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Space, Table, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { ebikeKeys, useReconciliations } from '../../api/ebike-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';

const serials = (list: string[]) => (list.length === 0 ? '—' : list.join('、'));

const columns: TableColumnsType<Reconciliation> = [
  { title: '日期', dataIndex: 'day', width: 110 },
  {
    title: '结果',
    key: 'result',
    width: 90,
    render: (_, r) => (r.missing.length + r.unknown.length === 0 ? <Tag color="success">一致</Tag> : <Tag color="error">不一致</Tag>),
  },
  { title: '本系统已受理', dataIndex: 'localCount', width: 110 },
  { title: '六合一记录', dataIndex: 'remoteCount', width: 100 },
  { title: '六合一缺少（已标记失败，可重新上传）', dataIndex: 'missing', render: serials },
  { title: '本系统无记录', dataIndex: 'unknown', render: serials },
  { title: '对账时间', dataIndex: 'checkedAt', width: 170, render: formatDateTime },
];

/**
 * 每日对账: each day's accepted businesses against 六合一's own record (nightly for the day before, or now for a
 * chosen day). What 六合一 lacks becomes a failed upload in the list below, to be resent.
 */
export function ReconciliationCard({ canRun }: { canRun: boolean }) {
  const list = useReconciliations();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const run = useMutation({
    mutationFn: () => api.post<Reconciliation>('/api/ebike/uploads/reconciliations', { day: day.format('YYYY-MM-DD') }),
    onSuccess: (r) => {
      message.success(r.missing.length + r.unknown.length === 0 ? `${r.day} 对账一致` : `${r.day} 对账发现 ${r.missing.length + r.unknown.length} 处不一致`);
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
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        data-testid="reconciliations"
      />
    </Card>
  );
}
