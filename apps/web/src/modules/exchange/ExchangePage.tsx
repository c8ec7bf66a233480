import {
  EXCHANGE_DIRECTIONS,
  EXCHANGE_P,
  type ExchangeDirection,
  type ExchangePackage,
  type ExchangeReconciliationSchema,
  PACKAGE_STATES,
  type PackageState,
} from '@shtp/core/exchange';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { api, type Page } from '../../api/client';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { FilterSegmented, PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';

const REFRESH_MS = 10_000;
const STATE_COLOURS: Record<PackageState, string> = { sealed: 'blue', applied: 'green', duplicate: 'default', held: 'orange', quarantined: 'red' };
type Reconciliation = z.infer<typeof ExchangeReconciliationSchema>;

/** 数据交换: the packages of one direction with their states, counts and refusals, resend, and the daily reconciliation. */
export default function ExchangePage() {
  const [direction, setDirection] = useState<ExchangeDirection>('out');
  const [state, setState] = useState<PackageState | undefined>(undefined);
  const { page, pageSize, reset, tablePagination } = usePagination();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const canOperate = usePermission()(EXCHANGE_P.operate);

  const list = useQuery({
    queryKey: ['exchange', 'packages', { direction, state, page, pageSize }],
    queryFn: () => api.get<Page<ExchangePackage>>('/api/exchange/packages', { direction, state, page, pageSize }),
    refetchInterval: REFRESH_MS,
  });
  const reconciliation = useQuery({
    queryKey: ['exchange', 'reconciliation'],
    queryFn: () => api.get<Reconciliation>('/api/exchange/reconciliation', { days: 7 }),
    refetchInterval: REFRESH_MS,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['exchange'] });

  const run = useMutation({
    mutationFn: () => api.post<{ sealed: number; received: number }>('/api/exchange/run'),
    onSuccess: (r) => {
      message.success(`交换完成：发出 ${r.sealed} 个数据包，处理接收 ${r.received} 个`);
      refresh();
    },
    onError: (error) => reportError(error),
  });
  const resend = useMutation({
    mutationFn: (p: ExchangePackage) => api.post<{ resent: number }>('/api/exchange/resend', { channel: p.channel, sequences: [p.sequence] }),
    onSuccess: (r) => {
      if (r.resent > 0) message.success('已从留存副本重新发出');
      else message.warning('留存副本已不存在，请对该数据类型执行全量重同步');
      refresh();
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<ExchangePackage> = [
    { title: '数据类型', dataIndex: 'businessType', render: (t: string, p) => `${t}（${p.channel}）` },
    { title: '序号', dataIndex: 'sequence', width: 80 },
    { title: '记录数', dataIndex: 'recordCount', width: 90 },
    { title: '大小（字节）', dataIndex: 'bytes', width: 120 },
    { title: '状态', dataIndex: 'state', width: 150, render: (s: PackageState) => <Tag color={STATE_COLOURS[s]}>{PACKAGE_STATES[s]}</Tag> },
    { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? '' },
    { title: '时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
    { title: '数据包编号', dataIndex: 'packageId', width: 300, render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
  ];
  if (direction === 'out') {
    columns.push({
      title: '对端回执',
      dataIndex: 'confirmedAt',
      width: 110,
      render: (at: string | null) =>
        at ? (
          <Tag color="green" title={formatDateTime(at)}>
            已入库
          </Tag>
        ) : (
          <Tag>未回执</Tag>
        ),
    });
    columns.push({
      title: '操作',
      key: 'actions',
      width: 90,
      // Offered as the server decides it for this user.
      render: (_, p) =>
        p.actions.resend.allowed && (
          <Button
            size="small"
            loading={resend.isPending && resend.variables?.id === p.id}
            onClick={() => resend.mutate(p)}
            data-testid={`resend-${p.sequence}`}
          >
            重发
          </Button>
        ),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {(reconciliation.data?.gaps ?? []).map((g) => (
        <Alert key={g.channel} type="warning" showIcon title={`${g.channel} 缺少序号 ${g.missing.join('、')}，已向对方请求重发`} data-testid="exchange-gap" />
      ))}
      <Card
        size="small"
        title="数据包"
        extra={
          canOperate && (
            <Button type="primary" loading={run.isPending} onClick={() => run.mutate()} data-testid="exchange-run">
              立即交换
            </Button>
          )
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Segmented<ExchangeDirection>
              value={direction}
              onChange={(value) => {
                setDirection(value);
                reset();
              }}
              options={(Object.keys(EXCHANGE_DIRECTIONS) as ExchangeDirection[]).map((d) => ({ value: d, label: EXCHANGE_DIRECTIONS[d] }))}
              data-testid="exchange-direction"
            />
            <FilterSegmented
              labels={PACKAGE_STATES}
              value={state}
              onChange={(value) => {
                setState(value);
                reset();
              }}
            />
          </Space>
          <PagedTable
            rowKey="id"
            size="small"
            columns={columns}
            result={list}
            loading={list.isPending}
            pagination={tablePagination}
            data-testid="exchange-packages"
          />
        </Space>
      </Card>
      <Card size="small" title="每日对账（近 7 天）">
        <Table
          rowKey={(r) => `${r.day}-${r.direction}-${r.channel}`}
          size="small"
          pagination={false}
          loading={reconciliation.isPending}
          dataSource={reconciliation.data?.rows ?? []}
          columns={[
            { title: '日期', dataIndex: 'day' },
            { title: '方向', dataIndex: 'direction', render: (d: ExchangeDirection) => EXCHANGE_DIRECTIONS[d] },
            { title: '数据类型', dataIndex: 'channel' },
            { title: '数据包', dataIndex: 'packages' },
            { title: '记录数', dataIndex: 'records' },
            { title: '隔离', dataIndex: 'quarantined' },
            {
              title: '对端已入库',
              dataIndex: 'confirmed',
              render: (n: number | null, r) => (n === null ? '—' : n === r.records ? n : <Tag color="orange">{n}</Tag>),
            },
          ]}
          data-testid="exchange-reconciliation"
        />
      </Card>
    </Space>
  );
}
