import { type AppointmentItem, ARRIVAL_STATUS_LABELS, ARRIVAL_STATUSES, type ArrivalStatus } from '@shtp/core/ebike';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tag, Tooltip } from 'antd';
import { api } from '../../api/client';
import { ebikeKeys } from '../../api/ebike-queries';
import { useErrorReporter } from '../../forms/server-errors';

const COLORS: Record<ArrivalStatus, string> = { arrived: 'processing', done: 'success', no_show: 'warning' };

/**
 * G13: a booking's arrival status on 今日预约 and the window's buttons to record it (已到场 / 已办理 / 未到), shown
 * from the record's `actions.arrival` only; the status crosses back to the citizen's booking in the internet zone.
 */
export function AppointmentArrival({ item }: { item: AppointmentItem }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const mark = useMutation({
    mutationFn: (status: ArrivalStatus) =>
      // A fresh key per click: a retried request of the same click is answered once.
      api.post<AppointmentItem>(`/api/ebike/appointments/${item.bookingNo}/arrival`, { status }, { 'Idempotency-Key': crypto.randomUUID() }),
    onSuccess: (r) => {
      message.success(`预约 ${r.bookingNo} 已登记为${r.arrival ? ARRIVAL_STATUS_LABELS[r.arrival] : ''}`);
      queryClient.invalidateQueries({ queryKey: [...ebikeKeys.all, 'appointments'] });
    },
    onError: (error) => reportError(error),
  });
  const status = item.arrival ? <Tag color={COLORS[item.arrival]}>{ARRIVAL_STATUS_LABELS[item.arrival]}</Tag> : null;
  if (!item.actions.arrival.allowed)
    return (
      status ?? (
        <Tooltip title={item.actions.arrival.reason}>
          <span>—</span>
        </Tooltip>
      )
    );
  return (
    <Space size={4} wrap>
      {status}
      {ARRIVAL_STATUSES.filter((s) => s !== item.arrival).map((s) => (
        <Button key={s} size="small" loading={mark.isPending && mark.variables === s} disabled={mark.isPending} onClick={() => mark.mutate(s)}>
          {ARRIVAL_STATUS_LABELS[s]}
        </Button>
      ))}
    </Space>
  );
}
