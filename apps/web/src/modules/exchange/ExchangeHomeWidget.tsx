import type { ExchangeAttention } from '@shtp/core/exchange';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { CountsCard } from '../../shared/CountsCard';

/** 工作台 card of 数据交换: received packages quarantined or held for a gap, and the sequence numbers still missing. */
export function ExchangeHomeWidget() {
  const attention = useQuery({ queryKey: ['exchange', 'attention'], queryFn: () => api.get<ExchangeAttention>('/api/exchange/attention') });
  return (
    <CountsCard
      title="数据交换"
      to="/exchange/packages"
      loading={attention.isPending}
      items={[
        { title: '已隔离未重发', value: attention.data?.quarantined ?? 0, alert: true },
        { title: '等待缺失序号', value: attention.data?.held ?? 0, alert: true },
        { title: '缺失序号', value: attention.data?.missing ?? 0, alert: true },
      ]}
    />
  );
}
