import { EXCHANGE_STATUSES } from '@shtp/core/roadworks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Row, Space, Statistic, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { type ExchangeDay, useExchangeDay } from '../../api/roadworks-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';

type Item = ExchangeDay['items'][number];

/** 保险数据交换 (R3): the day's requests of the insurance association, their counts, SM3 and state; resend of failed ones. */
export default function ExchangePage() {
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const day = useExchangeDay(date);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const resend = useMutation({
    mutationFn: (id: number) => api.post<void>(`/api/roadworks/exchange/${id}/resend`),
    onSuccess: () => {
      message.success('已加入交换队列');
      queryClient.invalidateQueries({ queryKey: ['roadworks', 'exchange'] });
    },
    onError: (e) => reportError(e),
  });
  const columns: TableColumnsType<Item> = [
    { title: '请求文件', dataIndex: 'name' },
    { title: '请求号', dataIndex: 'requestId' },
    { title: '数据区间', key: 'window', render: (_, r) => `${formatDateTime(r.windowFrom)} 至 ${formatDateTime(r.windowTo)}` },
    { title: '状态', dataIndex: 'status', render: (s: Item['status']) => EXCHANGE_STATUSES[s] },
    { title: '条数', dataIndex: 'recordCount' },
    { title: 'SM3', dataIndex: 'sm3', ellipsis: true },
    { title: '次数', dataIndex: 'attempts', width: 60 },
    { title: '失败原因', dataIndex: 'error' },
    { title: '回传时间', dataIndex: 'sentAt', render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) =>
        r.actions.resend.allowed && (
          <Button size="small" data-testid={`resend-${r.name}`} loading={resend.isPending && resend.variables === r.id} onClick={() => resend.mutate(r.id)}>
            重新交换
          </Button>
        ),
    },
  ];
  return (
    <Space data-testid="exchange-page" orientation="vertical" size="middle" style={{ width: '100%' }}>
      {day.data && !day.data.configured && (
        <Alert type="warning" showIcon title="未配置保险行业协会交换目录（INSURANCE_EXCHANGE_DIR），数据交换未运行；请联系系统管理员配置后重启服务" />
      )}
      <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
      <Row gutter={16}>
        {(Object.keys(EXCHANGE_STATUSES) as Item['status'][]).map((s) => (
          <Col span={4} key={s}>
            <Card size="small">
              <Statistic title={EXCHANGE_STATUSES[s]} value={day.data?.counts[s] ?? 0} loading={day.isPending} />
            </Card>
          </Col>
        ))}
        <Col span={4}>
          <Card size="small">
            <Statistic title="回传记录数" value={day.data?.records ?? 0} loading={day.isPending} />
          </Card>
        </Col>
      </Row>
      <PagedTable
        size="small"
        columns={columns}
        result={day}
        onRow={(r) => ({ 'data-testid': `exchange-row-${r.name}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </Space>
  );
}
