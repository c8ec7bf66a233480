import type { ExchangeAttention } from '@shtp/core/exchange';
import { EndpointCountsCard } from '../../shared/CountsCard';

/** 工作台 card of 数据交换: received packages quarantined or held for a gap, and the sequence numbers still missing. */
export function ExchangeHomeWidget() {
  return (
    <EndpointCountsCard<ExchangeAttention>
      path="/api/exchange/attention"
      queryKey={['exchange', 'attention']}
      title="数据交换"
      to="/exchange/packages"
      items={(a) => [
        { title: '已隔离未重发', value: a?.quarantined ?? 0, alert: true },
        { title: '等待缺失序号', value: a?.held ?? 0, alert: true },
        { title: '缺失序号', value: a?.missing ?? 0, alert: true },
      ]}
    />
  );
}
