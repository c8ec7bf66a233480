import type { CaseCounts } from '@shtp/core/roadworks';
import { EndpointCountsCard } from '../../shared/CountsCard';

/** 工作台 card of 道路施工: the cases in the user's scope (and the city inbox) waiting for a decision, late filings, failed call-backs. */
export function RoadworksHomeWidget() {
  return (
    <EndpointCountsCard<CaseCounts>
      path="/api/roadworks/cases/counts"
      queryKey={['roadworks', 'cases', 'counts']}
      title="道路施工办件"
      to="/roadworks/cases"
      items={(c) => [
        { title: '待审批', value: c?.received ?? 0 },
        { title: '抢修补办逾期', value: c?.filingOverdue ?? 0, alert: true },
        { title: '结果回传失败', value: c?.syncFailed ?? 0, alert: true },
      ]}
    />
  );
}
