import { CountsCard } from '../../shared/CountsCard';
import { useArchiveWarnings } from './archive-api';

const total = (rows: { count: number }[] | undefined) => (rows ?? []).reduce((n, r) => n + r.count, 0);

/** 工作台 card of 影像档案: in the user's scope, the businesses still missing required material and those never opened. */
export function ArchiveHomeWidget() {
  const warnings = useArchiveWarnings();
  const hours = warnings.data?.hours;
  return (
    <CountsCard
      title="影像档案未齐全预警"
      to="/archive/warnings"
      loading={warnings.isPending}
      items={[
        { title: '缺少必需材料', value: total(warnings.data?.byDepartment), alert: true },
        { title: '从未打开档案', value: total(warnings.data?.unopened.byDepartment), alert: true },
      ]}
      note={hours !== undefined && `统计受理超过 ${hours} 小时的业务`}
    />
  );
}
