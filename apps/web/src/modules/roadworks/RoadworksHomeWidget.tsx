import type { CaseCounts } from '@shtp/core/roadworks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { CountsCard } from '../../shared/CountsCard';

/** 工作台 card of 道路施工: the cases in the user's scope (and the city inbox) waiting for a decision, late filings, failed call-backs. */
export function RoadworksHomeWidget() {
  const counts = useQuery({ queryKey: ['roadworks', 'cases', 'counts'], queryFn: () => api.get<CaseCounts>('/api/roadworks/cases/counts') });
  return (
    <CountsCard
      title="道路施工办件"
      to="/roadworks/cases"
      loading={counts.isPending}
      items={[
        { title: '待审批', value: counts.data?.received ?? 0 },
        { title: '抢修补办逾期', value: counts.data?.filingOverdue ?? 0, alert: true },
        { title: '结果回传失败', value: counts.data?.syncFailed ?? 0, alert: true },
      ]}
    />
  );
}
