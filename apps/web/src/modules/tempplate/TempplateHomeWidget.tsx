import { INBOXES } from '@shtp/core/tempplate';
import { CountsCard } from '../../shared/CountsCard';
import { useInboxCounts } from './tempplate-queries';

const SHOWN = ['unassigned', 'first_check', 'review'] as const;

/** 工作台 card of 临牌查验: the work orders waiting for the user (the inboxes of 预警工单) and those past their deadline. */
export function TempplateHomeWidget() {
  const counts = useInboxCounts();
  return (
    <CountsCard
      title="临牌查验预警工单"
      to="/tempplate/warnings"
      loading={counts.isPending}
      items={[
        ...SHOWN.map((inbox) => ({ title: INBOXES[inbox], value: counts.data?.[inbox] ?? 0 })),
        { title: '超期未办结', value: counts.data?.overdue ?? 0, alert: true },
      ]}
    />
  );
}
