import {
  MISMATCH_KINDS,
  type MismatchKind,
  PAYMENT_STATES,
  type PaymentOrderListItem,
  type PaymentReconciliation,
  type PaymentState,
} from '@shtp/core/payments';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';
import { ExportButton } from '../../shared/ExportButton';
import { FilterSearch } from '../../shared/FilterSearch';
import { formatDateTime, formatYuan } from '../../shared/format';
import { PagedTable, StatusSelect } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { RefundModal } from './RefundModal';

const STATE_COLOURS: Record<PaymentState, string> = { created: 'default', paid: 'green', refunded: 'orange', closed: 'default' };
const yuan = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));

function OrderList() {
  const [state, setState] = useState<PaymentState>();
  const [decisionNo, setDecisionNo] = useState('');
  const [refunding, setRefunding] = useState<PaymentOrderListItem | null>(null);
  const { page, pageSize, reset, tablePagination } = usePagination();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['payments', 'orders', { state, decisionNo, page, pageSize }],
    queryFn: () => api.get<Page<PaymentOrderListItem>>('/api/payments/orders', { state, decisionNo: decisionNo || undefined, page, pageSize }),
  });
  const columns: TableColumnsType<PaymentOrderListItem> = [
    { title: '处罚决定书编号', dataIndex: 'decisionNo' },
    { title: '商户订单号', dataIndex: 'merchantOrderNo' },
    { title: '罚款（元）', dataIndex: 'fineFen', render: formatYuan },
    { title: '加处罚款（元）', dataIndex: 'lateFeeFen', render: formatYuan },
    { title: '应缴（元）', dataIndex: 'amountFen', render: formatYuan },
    { title: '已退（元）', dataIndex: 'refundedFen', render: formatYuan },
    { title: '状态', dataIndex: 'state', render: (s: PaymentState) => <Tag color={STATE_COLOURS[s]}>{PAYMENT_STATES[s]}</Tag> },
    { title: '下单时间', dataIndex: 'createdAt', render: formatDateTime },
    { title: '到账时间', dataIndex: 'paidAt', render: (at: string | null) => (at ? formatDateTime(at) : '') },
    {
      title: '操作',
      key: 'actions',
      render: (_, o) =>
        o.actions.refund.allowed && (
          <Button size="small" onClick={() => setRefunding(o)} data-testid={`refund-${o.merchantOrderNo}`}>
            退款
          </Button>
        ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <FilterSearch placeholder="处罚决定书编号" onSearch={setDecisionNo} reset={reset} />
        <StatusSelect
          labels={PAYMENT_STATES}
          value={state}
          onChange={(v) => {
            setState(v);
            reset();
          }}
        />
        <ExportButton path="/api/payments/orders/export" filters={{ state, decisionNo: decisionNo || undefined }} testId="payment-orders-export" />
      </Space>
      <PagedTable rowKey="merchantOrderNo" size="small" columns={columns} result={list} pagination={tablePagination} data-testid="payment-orders" />
      {refunding && (
        <RefundModal order={refunding} onClose={() => setRefunding(null)} onDone={() => queryClient.invalidateQueries({ queryKey: ['payments'] })} />
      )}
    </Space>
  );
}

function Reconciliations() {
  const [day, setDay] = useState<Dayjs>(() => dayjs().subtract(1, 'day'));
  const { page, pageSize, tablePagination } = usePagination();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['payments', 'reconciliations', { page, pageSize }],
    queryFn: () => api.get<Page<PaymentReconciliation>>('/api/payments/reconciliations', { page, pageSize }),
  });
  const run = useMutation({
    mutationFn: () => api.post<PaymentReconciliation>('/api/payments/reconciliations', { day: day.format('YYYY-MM-DD') }),
    onSuccess: (r) => {
      message.success(`${r.day} 对账完成：相符 ${r.matched} 笔，不符 ${r.mismatches.length} 笔`);
      queryClient.invalidateQueries({ queryKey: ['payments', 'reconciliations'] });
    },
    onError: (error) => reportError(error),
  });
  const columns: TableColumnsType<PaymentReconciliation> = [
    { title: '日期', dataIndex: 'day' },
    { title: '相符（笔）', dataIndex: 'matched' },
    {
      title: '不符（笔）',
      key: 'mismatches',
      render: (_, r) => (r.mismatches.length ? <Tag color="red">{r.mismatches.length}</Tag> : <Tag color="green">0</Tag>),
    },
    { title: '核对时间', dataIndex: 'checkedAt', render: formatDateTime },
  ];
  const mismatchColumns: TableColumnsType<PaymentReconciliation['mismatches'][number]> = [
    { title: '商户订单号', dataIndex: 'merchantOrderNo' },
    { title: '退款单号', dataIndex: 'refundNo', render: (n: string | undefined) => n ?? '' },
    { title: '不符类型', dataIndex: 'kind', render: (k: MismatchKind) => MISMATCH_KINDS[k] },
    { title: '本方（元）', dataIndex: 'oursFen', render: yuan },
    { title: '渠道（元）', dataIndex: 'theirsFen', render: yuan },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        <Button type="primary" loading={run.isPending} onClick={() => run.mutate()} data-testid="reconcile-run">
          对账
        </Button>
        <span>每日凌晨自动核对前一日；也可选日期重新核对（结果覆盖该日之前的结果）。</span>
      </Space>
      <PagedTable
        rowKey="day"
        size="small"
        columns={columns}
        result={list}
        pagination={tablePagination}
        expandable={{
          rowExpandable: (r) => r.mismatches.length > 0,
          expandedRowRender: (r) => (
            <Table
              rowKey={(m) => `${m.kind}:${m.merchantOrderNo}:${m.refundNo ?? ''}`}
              size="small"
              pagination={false}
              columns={mismatchColumns}
              dataSource={r.mismatches}
            />
          ),
        }}
        data-testid="payment-reconciliations"
      />
    </Space>
  );
}

/** 缴款订单与对账: the e-CNY orders (refund while something paid is left) and the daily reconciliation against the channel. */
export default function PaymentsPage() {
  return (
    <Tabs
      items={[
        { key: 'orders', label: '缴款订单', children: <OrderList /> },
        { key: 'reconciliations', label: '每日对账', children: <Reconciliations /> },
      ]}
    />
  );
}
