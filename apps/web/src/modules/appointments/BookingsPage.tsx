import {
  APPOINTMENT_STATE_LABELS,
  APPOINTMENTS_P,
  type AppointmentBooking,
  type BookingListItem,
  REMINDER_FILTERS,
  REMINDER_STATE_LABELS,
  type ReminderRun,
  type ReminderState,
} from '@shtp/core/ebike';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Select, Space, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { usePermission } from '../../auth/session';
import { errorText, useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';

const REMINDER_COLORS: Record<ReminderState, string> = { pending: 'default', sent: 'success', failed: 'error', held: 'warning', none: 'default' };

/** G9: the day-before reminder SMS — 发送失败 and 已暂缓 with their reason, 已发送 with its time. */
function ReminderCell({ reminder }: { reminder: BookingListItem['reminder'] }) {
  const label = REMINDER_STATE_LABELS[reminder.state];
  return (
    <Tooltip title={reminder.at ? `发送时间 ${formatDateTime(reminder.at)}` : undefined}>
      <Tag color={REMINDER_COLORS[reminder.state]}>{reminder.reason ? `${label}（${reminder.reason}）` : label}</Tag>
    </Tooltip>
  );
}

const columns: TableColumnsType<BookingListItem> = [
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
  { title: '提醒短信', key: 'reminder', render: (_, b) => <ReminderCell reminder={b.reminder} /> },
];

/** G9: 立即发送 — queues the reminders of tomorrow's bookings (the morning's schedule does the same); the list refreshes. */
function RemindNowButton() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const run = useMutation({
    mutationFn: () => api.post<ReminderRun>('/api/appointments/reminders/run', undefined, { 'Idempotency-Key': crypto.randomUUID() }),
    onSuccess: (r) => {
      message.success(`已开始发送 ${r.day} 的预约提醒短信，稍后刷新查看结果`);
      setTimeout(() => queryClient.invalidateQueries({ queryKey: ['appointments', 'bookings'] }), 2_000);
    },
    onError: (error) => reportError(error),
  });
  return (
    <Button loading={run.isPending} onClick={() => run.mutate()} data-testid="bookings-remind-now">
      立即发送次日提醒
    </Button>
  );
}

/**
 * 预约列表 (internet zone back office): the registration bookings partners made, with their day-before reminder SMS,
 * by day, state and reminder state, paged; nothing personal.
 */
export default function BookingsPage() {
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [day, setDay] = useState<string | undefined>();
  const [state, setState] = useState<AppointmentBooking['state'] | undefined>();
  const [reminder, setReminder] = useState<ReminderState | undefined>();
  const can = usePermission();
  const list = useQuery({
    queryKey: ['appointments', 'bookings', { page, pageSize, day, state, reminder }],
    queryFn: () => api.get<Page<BookingListItem>>('/api/appointments', { page, pageSize, day, state, reminder }),
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
        <Select
          allowClear
          placeholder="提醒短信"
          style={{ width: 160 }}
          options={REMINDER_FILTERS.map((value) => ({ value, label: REMINDER_STATE_LABELS[value] }))}
          onChange={(v?: ReminderState) => {
            setReminder(v);
            reset();
          }}
          data-testid="bookings-reminder"
        />
        {can(APPOINTMENTS_P.remind) && <RemindNowButton />}
        <span>市民经随申办等接入应用预约的非机动车登记（不含个人信息）；预约经数据交换送公安网登记窗口，办理前一天发送提醒短信。</span>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} />}
      <PagedTable rowKey="bookingNo" size="small" columns={columns} result={list} pagination={tablePagination} data-testid="bookings" />
    </Space>
  );
}
