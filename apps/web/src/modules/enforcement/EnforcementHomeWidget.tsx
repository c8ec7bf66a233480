import type { EnforcementCounts } from '@shtp/core/enforcement';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { CountsCard } from '../../shared/CountsCard';

/** 工作台 card of 交通执法: in the user's scope, today's decisions, vehicles still held, standard uploads to correct or retried. */
export function EnforcementHomeWidget() {
  const counts = useQuery({ queryKey: ['enforcement', 'counts'], queryFn: () => api.get<EnforcementCounts>('/api/enforcement/counts') });
  return (
    <CountsCard
      title="交通执法"
      to="/enforcement/records"
      loading={counts.isPending}
      items={[
        { title: '今日决定书与警告', value: counts.data?.violationsToday ?? 0 },
        { title: '扣留未放行', value: counts.data?.detentionsHeld ?? 0 },
        { title: '标准上传被退回', value: counts.data?.uploadsRejected ?? 0, alert: true },
        { title: '标准上传待重试', value: counts.data?.uploadsPending ?? 0 },
      ]}
    />
  );
}
