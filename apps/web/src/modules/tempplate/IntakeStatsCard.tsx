import type { IntakeStatsRow } from '@shtp/core/tempplate';
import { Button, Card, DatePicker, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { EChart } from '../../shared/EChart';
import { barOption } from './bar-option';
import { intakeStatsExportUrl, useIntakeStats } from './tempplate-queries';

const share = (r: IntakeStatsRow) => (r.idCards === 0 ? '—' : `${((r.nonLocal / r.idCards) * 100).toFixed(1)}%`);

/** 临牌办理部门统计 (T12): businesses per department over any range of days, from the day counters. */
export function IntakeStatsCard() {
  // Last year and this one, like the monthly tables above (and the demo year of a new database); any days may be chosen.
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'year').startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const stats = useIntakeStats(from, to);
  const rows = useMemo(() => stats.data ?? [], [stats.data]);
  const option = useMemo(
    () =>
      barOption(
        rows.map((r) => r.departmentName),
        [
          { name: '办理笔数', data: rows.map((r) => r.businesses) },
          { name: '外地身份证', data: rows.map((r) => r.nonLocal) },
        ],
        { rotate: 20 },
      ),
    [rows],
  );
  return (
    <Card
      size="small"
      title="临牌办理部门统计（任意日期段）"
      extra={
        <Space>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} data-testid="intake-range" />
          <Button href={intakeStatsExportUrl(from, to)} data-testid="export-intake-stats">
            导出（Excel）
          </Button>
        </Space>
      }
    >
      <EChart option={option} height={260} label="各部门办理笔数与外地身份证笔数" />
      <Table<IntakeStatsRow>
        size="small"
        rowKey="departmentId"
        loading={stats.isPending}
        pagination={false}
        dataSource={rows}
        data-testid="intake-stats"
        columns={[
          { title: '办理部门', dataIndex: 'departmentName' },
          { title: '办理笔数', dataIndex: 'businesses' },
          { title: '居民身份证', dataIndex: 'idCards' },
          { title: '外地身份证', dataIndex: 'nonLocal' },
          { title: '外地身份证占比', key: 'share', render: (_, r) => share(r) },
        ]}
      />
    </Card>
  );
}
