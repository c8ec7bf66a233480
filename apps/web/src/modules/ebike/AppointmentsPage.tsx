import { APPOINTMENT_STATE_LABELS, type AppointmentItem } from '@shtp/core/ebike';
import { Alert, Card, DatePicker, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useAppointments } from '../../api/ebike-queries';
import { formatDateTime } from '../../shared/format';
import { AppointmentArrival } from './AppointmentArrival';

const columns: TableColumnsType<AppointmentItem> = [
  { title: '时段', dataIndex: 'slot', width: 120 },
  { title: '预约编号', dataIndex: 'bookingNo', width: 200 },
  { title: '站点', dataIndex: 'station' },
  { title: '号牌', dataIndex: 'plate', width: 110, render: (v: string | null) => v ?? '—' },
  { title: '整车编码', dataIndex: 'vin', render: (v: string | null) => v ?? '—' },
  { title: '身份证号', dataIndex: 'idNumber' },
  { title: '手机号码', dataIndex: 'phone' },
  {
    title: '状态',
    dataIndex: 'state',
    width: 100,
    render: (s: AppointmentItem['state']) => <Tag color={s === 'booked' ? 'blue' : 'default'}>{APPOINTMENT_STATE_LABELS[s]}</Tag>,
  },
  { title: '预约时间', dataIndex: 'bookedAt', render: (v: string) => formatDateTime(v) },
  { title: '到场状态', key: 'arrival', width: 220, render: (_: unknown, item: AppointmentItem) => <AppointmentArrival item={item} /> },
];

/** 今日预约 (police zone): the registration bookings citizens made in the internet zone, for the window of this department. */
export default function AppointmentsPage() {
  // The day is in the address (?day=), so a link or a reload shows the same day; today by default.
  const [params, setParams] = useSearchParams();
  const asked = params.get('day');
  const day = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : dayjs().format('YYYY-MM-DD');
  const setDay = (d: string) => setParams({ day: d }, { replace: true });
  const { data, isLoading, error } = useAppointments(day);
  const booked = data?.items.filter((i) => i.state === 'booked').length ?? 0;
  return (
    <Card
      title="今日预约"
      extra={
        <Space>
          <Typography.Text type="secondary">办理日期</Typography.Text>
          <DatePicker allowClear={false} value={dayjs(day)} onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))} aria-label="办理日期" />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        市民在互联网区（随申办）预约的非机动车登记，经数据交换送达；身份证号、手机号已脱敏，办理时请核验本人证件。有效预约 {booked} 条。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error.message} /> : null}
      <Table<AppointmentItem>
        rowKey="bookingNo"
        size="small"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        data-testid="appointments"
      />
    </Card>
  );
}
