import { APPOINTMENT_STATE_LABELS, type AppointmentBooking } from '@shtp/core/ebike';
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { errorText } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';

const columns: TableColumnsType<AppointmentBooking> = [
  { title: '办理日期', dataIndex: 'day', width: 120 },
  { title: '时段', dataIndex: 'slot', width: 120 },
  { title: '预约编号', dataIndex: 'bookingNo', width: 200 },
  { title: '站点', dataIndex: 'station' },
  {
    title: '状态',
    dataIndex: 'state',
    width: 100,
    render: (s: AppointmentBooking['state']) => <Tag color={s === 'booked' ? 'blue' : 'default'}>{APPOINTMENT_STATE_LABELS[s]}</Tag>,
  },
  { title: '预约时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
];

/** 预约列表 (internet zone back office): the registration bookings partners made, by day and state, paged; nothing personal. */
export default function BookingsPage() {
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [day, setDay] = useState<string | undefined>();
  const [state, setState] = useState<AppointmentBooking['state'] | undefined>();
  const list = useQuery({
    queryKey: ['appointments', 'bookings', { page, pageSize, day, state }],
    queryFn: () => api.get<Page<AppointmentBooking>>('/api/appointments', { page, pageSize, day, state }),
    retry: false,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker
          placeholder="办理日期"
          aria-label="办理日期"
          onChange={(d) => {
            setDay(d ? d.format('YYYY-MM-DD') : undefined);
            reset();
          }}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 140 }}
          options={Object.entries(APPOINTMENT_STATE_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(v?: AppointmentBooking['state']) => {
            setState(v);
            reset();
          }}
          data-testid="bookings-state"
        />
        <span>市民经随申办等接入应用预约的非机动车登记（不含个人信息）；预约经数据交换送公安网登记窗口。</span>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} />}
      <PagedTable rowKey="bookingNo" size="small" columns={columns} result={list} pagination={tablePagination} data-testid="bookings" />
    </Space>
  );
}
