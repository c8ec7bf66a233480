import { STATS_GROUPINGS, type StatsGrouping } from '@shtp/core/archive';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, toQueryString } from '../../api/client';
import { EChart } from '../../shared/EChart';

interface StatRow {
  key: string;
  label: string;
  pages: number;
  archivesCompleted: number;
  averageDelayHours: number | null;
  /** Per department or day (of opening): archives opened, how many of them are complete now, the share in percent. */
  opened: number | null;
  completeNow: number | null;
  completenessRate: number | null;
}

const GROUP_TITLES: Record<StatsGrouping, string> = { department: '部门', officer: '民警', day: '日期' };

/** 采集统计 (A7): pages and completed archives per department, officer or day over a period, from the daily rollup. */
export default function ArchiveStatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const [by, setBy] = useState<StatsGrouping>('department');
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const { data, isFetching } = useQuery({
    queryKey: ['archive', 'stats', from, to, by],
    queryFn: () => api.get<StatRow[]>('/api/archive/stats', { from, to, by }),
  });
  const rows = useMemo(() => data ?? [], [data]);
  const option = useMemo(
    () => ({
      animation: false, // the figures, at once (and a settled picture for the manual)
      tooltip: { trigger: 'axis' },
      legend: { data: ['采集页数', '采集齐全的业务', ...(by === 'officer' ? [] : ['齐全率（%）'])] },
      grid: { left: 48, right: 48, bottom: 60, top: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: '采集页数', type: 'bar', data: rows.map((r) => r.pages) },
        { name: '采集齐全的业务', type: 'bar', data: rows.map((r) => r.archivesCompleted) },
        ...(by === 'officer' ? [] : [{ name: '齐全率（%）', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.completenessRate) }]),
      ],
    }),
    [rows, by],
  );
  const exportExcel = () => window.location.assign(`/api/archive/stats/export${toQueryString({ from, to })}`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title="采集统计">
        <Space wrap>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <Segmented<StatsGrouping>
            value={by}
            onChange={setBy}
            options={Object.entries(STATS_GROUPINGS).map(([value, label]) => ({ value: value as StatsGrouping, label }))}
            data-testid="stats-by"
          />
          <Button onClick={exportExcel} data-testid="stats-export">
            导出 Excel（按日、部门、民警；含齐全率）
          </Button>
        </Space>
      </Card>
      <Card size="small">
        <EChart option={option} height={300} label={`${STATS_GROUPINGS[by]}的采集页数与采集齐全的业务`} />
        <Table<StatRow>
          rowKey="key"
          size="small"
          loading={isFetching}
          dataSource={rows}
          pagination={false}
          data-testid="stats-table"
          columns={[
            { title: GROUP_TITLES[by], dataIndex: 'label' },
            { title: '采集页数', dataIndex: 'pages' },
            { title: '采集齐全的业务', dataIndex: 'archivesCompleted' },
            { title: '平均采集时长（小时）', dataIndex: 'averageDelayHours', render: (v: number | null) => v ?? '—' },
            ...(by === 'officer'
              ? []
              : [
                  { title: '打开档案数', dataIndex: 'opened' },
                  { title: '其中现已齐全', dataIndex: 'completeNow' },
                  { title: '齐全率', dataIndex: 'completenessRate', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
                ]),
          ]}
        />
      </Card>
    </Space>
  );
}
