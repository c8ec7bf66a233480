import type { RoadworksCase } from '@shtp/core/roadworks';
import { useMutation } from '@tanstack/react-query';
import { App, Button, DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';

/** 竣工/恢复报告 of an approved case: the day the road reopened (an overrun is judged against it). */
export function CompletionForm({ current, onSaved }: { current: RoadworksCase; onSaved: (next: RoadworksCase) => void }) {
  const [day, setDay] = useState<Dayjs | null>(dayjs());
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const complete = useMutation({
    mutationFn: () =>
      api.post<RoadworksCase>(`/api/roadworks/cases/${current.id}/complete`, { completedAt: day?.format('YYYY-MM-DD'), version: current.version }),
    onSuccess: (next) => {
      onSaved(next);
      message.success(next.completedAt && next.completedAt > next.requestedTo ? '已登记竣工（晚于许可期限，将按超期预警）' : '已登记竣工');
    },
    onError: (e) => reportError(e),
  });
  return (
    <Space>
      <Typography.Text>竣工（恢复通行）日期</Typography.Text>
      <DatePicker data-testid="completed-at" value={day} onChange={setDay} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      <Button data-testid="complete-button" disabled={!day} loading={complete.isPending} onClick={() => complete.mutate()}>
        登记竣工
      </Button>
    </Space>
  );
}
