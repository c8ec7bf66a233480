import { PAYMENTS_P, SMS_MESSAGE_STATES, type SmsMessageItem, type SmsMessageState } from '@shtp/core/payments';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { usePermission } from '../../auth/session';
import { errorText, useErrorReporter } from '../../forms/server-errors';
import { type DayRange, DayRangePicker, rangeDays } from '../../shared/DayRangePicker';
import { FilterSearch } from '../../shared/FilterSearch';
import { formatDateTime } from '../../shared/format';
import { PagedTable, StatusSelect } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';

const STATE_COLOURS: Record<SmsMessageState, string> = {
  'quiet-hours': 'blue',
  template: 'gold',
  limit: 'orange',
  retry: 'volcano',
  sent: 'cyan',
  delivered: 'green',
  undelivered: 'magenta',
  failed: 'red',
};
const time = (t: string | null) => (t ? formatDateTime(t) : '—');

const baseColumns: TableColumnsType<SmsMessageItem> = [
  {
    title: '业务批次号',
    key: 'batchId',
    render: (_, m) => (
      <Space orientation="vertical" size={0}>
        <span>{m.batchId}</span>
        {m.resentAs && <Typography.Text type="secondary">已重发：{m.resentAs}</Typography.Text>}
      </Space>
    ),
  },
  { title: '短信模板', key: 'template', render: (_, m) => (m.templateName ? `${m.templateName}（${m.templateCode}）` : m.templateCode) },
  { title: '手机号码', dataIndex: 'mobile', render: (p: string | null) => p ?? '—' },
  {
    title: '状态',
    key: 'state',
    render: (_, m) => (
      <Space size={4}>
        <Tag color={STATE_COLOURS[m.state]}>{SMS_MESSAGE_STATES[m.state]}</Tag>
        {m.errorCode && <span>网关错误：{m.errorCode}</span>}
      </Space>
    ),
  },
  { title: '发送次数', dataIndex: 'attempts' },
  { title: '首次处理', dataIndex: 'createdAt', render: time },
  { title: '最近处理', dataIndex: 'lastAttemptAt', render: time },
  { title: '发送时间', dataIndex: 'sentAt', render: time },
  { title: '状态报告时间', dataIndex: 'reportedAt', render: time },
];

/**
 * 短信发送状态 (G9): every SMS the zone sent or holds, newest first, the number masked; by state, template, day range and
 * the whole mobile number (the server compares only its keyed digest). The server audits every read. Held and
 * retryable messages are sent again by their owner's next run (the minute poll); 重发 is offered where the server's
 * `actions.resend` says so (an undelivered message, once) to holders of the resend permission.
 */
export default function SmsMessagesPage() {
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [state, setState] = useState<SmsMessageState>();
  const [templateCode, setTemplateCode] = useState('');
  const [mobile, setMobile] = useState('');
  const [range, setRange] = useState<DayRange>(null);
  const filters = {
    state,
    templateCode: templateCode || undefined,
    mobile: mobile || undefined,
    ...rangeDays(range),
  };
  const can = usePermission();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: (m: SmsMessageItem) => api.post<SmsMessageItem>(`/api/payments/sms-messages/${m.id}/resend`),
    onSuccess: (sent) => {
      message.success(`已重发，新批次 ${sent.batchId}：${SMS_MESSAGE_STATES[sent.state]}`);
      void queryClient.invalidateQueries({ queryKey: ['payments', 'sms-messages'] });
    },
    onError: (err) => report(err),
  });
  const columns: TableColumnsType<SmsMessageItem> = can(PAYMENTS_P.smsResend)
    ? [
        ...baseColumns,
        {
          title: '操作',
          key: 'actions',
          render: (_, m) =>
            m.actions.resend && (
              <Popconfirm title="以新批次向该号码再发一次这条短信？" okText="重发" cancelText="取消" onConfirm={() => resend.mutate(m)}>
                <Button size="small" loading={resend.isPending && resend.variables?.id === m.id} data-testid={`sms-resend-${m.id}`}>
                  重发
                </Button>
              </Popconfirm>
            ),
        },
      ]
    : baseColumns;
  const list = useQuery({
    queryKey: ['payments', 'sms-messages', { page, pageSize, ...filters }],
    queryFn: () => api.get<Page<SmsMessageItem>>('/api/payments/sms-messages', { page, pageSize, ...filters }),
    retry: false,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <StatusSelect
          labels={SMS_MESSAGE_STATES}
          value={state}
          onChange={(v) => {
            setState(v);
            reset();
          }}
        />
        <FilterSearch
          placeholder="模板编号"
          enterButton="按模板"
          maxLength={40}
          width={240}
          upperCase
          onSearch={setTemplateCode}
          reset={reset}
          data-testid="sms-message-template"
        />
        <DayRangePicker value={range} onChange={setRange} reset={reset} />
        <FilterSearch
          placeholder="完整手机号码"
          enterButton="按号码"
          maxLength={11}
          width={260}
          onSearch={setMobile}
          reset={reset}
          data-testid="sms-message-mobile"
        />
      </Space>
      <span>
        手机号码脱敏显示，按完整号码查找（系统只比对其密钥摘要）；暂缓与可重试的短信由发送任务每分钟自动重发，未送达的短信可手动重发一次；每次查询与重发都记入审计日志。
      </span>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} data-testid="sms-message-error" />}
      <PagedTable rowKey="id" size="small" columns={columns} result={list} pagination={tablePagination} data-testid="sms-messages" />
    </Space>
  );
}
