import type { EnforcementCounts } from '@shtp/core/enforcement';
import { EndpointCountsCard } from '../../shared/CountsCard';

/** 工作台 card of 交通执法: in the user's scope, today's decisions, vehicles still held, standard uploads to correct or retried. */
export function EnforcementHomeWidget() {
  return (
    <EndpointCountsCard<EnforcementCounts>
      path="/api/enforcement/counts"
      queryKey={['enforcement', 'counts']}
      title="交通执法"
      to="/enforcement/records"
      items={(c) => [
        { title: '今日决定书与警告', value: c?.violationsToday ?? 0 },
        { title: '扣留未放行', value: c?.detentionsHeld ?? 0 },
        { title: '标准上传被退回', value: c?.uploadsRejected ?? 0, alert: true },
        { title: '标准上传待重试', value: c?.uploadsPending ?? 0 },
      ]}
    />
  );
}
