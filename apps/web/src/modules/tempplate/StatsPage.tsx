import { Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { EChart } from '../../shared/EChart';
import { barOption } from './bar-option';
import { IntakeStatsCard } from './IntakeStatsCard';
import { anomalyStatsExportUrl, type DepartmentStatsRow, type RuleStatsRow, useDepartmentStats, useRuleStats, warningsExportUrl } from './tempplate-queries';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Businesses and warnings per department over the months (T11 异常统计, T12 办理部门统计), pivoted per department. */
function departmentTable(rows: DepartmentStatsRow[]) {
  const byDept = new Map<number, { departmentName: string; businesses: number; warnings: number; rules: Record<string, number> }>();
  for (const r of rows) {
    const d = byDept.get(r.departmentId) ?? { departmentName: r.departmentName, businesses: 0, warnings: 0, rules: {} };
    if (r.rule === '') d.businesses += r.count;
    else {
      d.warnings += r.count;
      d.rules[r.rule] = (d.rules[r.rule] ?? 0) + r.count;
    }
    byDept.set(r.departmentId, d);
  }
  return [...byDept.entries()].map(([id, d]) => ({ id, ...d }));
}

/** 统计分析: 预警统计 per rule with the confirmed rate (the rule's precision), per department by month, and 办理部门统计 by day. */
export default function StatsPage() {
  // Last year and this one: a year-on-year view, and the demo year of a new database.
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'year').startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM');
  const to = range[1].format('YYYY-MM');
  const rules = useRuleStats(from, to);
  const departments = useDepartmentStats(from, to);
  const ruleRows = useMemo(() => rules.data ?? [], [rules.data]);
  const deptRows = useMemo(() => departmentTable(departments.data ?? []), [departments.data]);
  // The drill-down window: the first day of the first month to the last day of the last.
  const days = { from: range[0].startOf('month').format('YYYY-MM-DD'), to: range[1].endOf('month').format('YYYY-MM-DD') };
  const drill = (departmentId: number, rule?: string) =>
    `/tempplate/warnings?${new URLSearchParams({ ...days, departmentId: String(departmentId), ...(rule ? { rule } : {}) })}`;
  const deptOption = useMemo(
    () =>
      barOption(
        deptRows.map((d) => d.departmentName),
        [
          { name: '办理笔数', data: deptRows.map((d) => d.businesses) },
          { name: '预警数', data: deptRows.map((d) => d.warnings) },
        ],
        { rotate: 20 },
      ),
    [deptRows],
  );
  const option = useMemo(
    () =>
      barOption(
        ruleRows.map((r) => r.rule),
        [
          { name: '预警', data: ruleRows.map((r) => r.raised) },
          { name: '办结', data: ruleRows.map((r) => r.closed) },
          { name: '属实', data: ruleRows.map((r) => r.confirmed) },
        ],
      ),
    [ruleRows],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>统计月份</Typography.Text>
        <DatePicker.RangePicker picker="month" value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Button href={warningsExportUrl(days)} data-testid="export-stats-warnings">
          导出期间预警（Excel）
        </Button>
      </Space>
      <Card size="small" title="预警统计（按规则）">
        <EChart option={option} height={280} label="各规则预警、办结与属实数" />
        <Table<RuleStatsRow>
          size="small"
          rowKey="rule"
          loading={rules.isPending}
          pagination={false}
          dataSource={ruleRows}
          data-testid="rule-stats"
          columns={[
            { title: '规则', key: 'rule', render: (_, r) => `${r.rule} ${r.ruleName}` },
            { title: '预警', dataIndex: 'raised' },
            { title: '已分配', dataIndex: 'assigned' },
            { title: '已初核', dataIndex: 'firstChecked' },
            { title: '已办结', dataIndex: 'closed' },
            { title: '属实', dataIndex: 'confirmed' },
            { title: '超期（当前）', dataIndex: 'overdue' },
            { title: '属实率', dataIndex: 'confirmedRate', render: percent },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="临牌办理与异常统计（按部门，点击数字查看预警及证据）"
        extra={
          <Button size="small" href={anomalyStatsExportUrl(from, to)} data-testid="export-anomaly-stats">
            导出异常统计（Excel）
          </Button>
        }
      >
        <EChart option={deptOption} height={280} label="各部门办理笔数与预警数" />
        <Table
          size="small"
          rowKey="id"
          loading={departments.isPending}
          dataSource={deptRows}
          data-testid="department-stats"
          columns={[
            { title: '部门', dataIndex: 'departmentName' },
            { title: '办理笔数', dataIndex: 'businesses' },
            { title: '预警数', dataIndex: 'warnings', render: (n: number, d) => (n > 0 ? <Link to={drill(d.id)}>{n}</Link> : n) },
            {
              title: '按规则',
              key: 'rules',
              render: (_, d) => (
                <Space size="small" wrap>
                  {Object.entries(d.rules).map(([r, n]) => (
                    <Link key={r} to={drill(d.id, r)} data-testid={`drill-${d.id}-${r}`}>{`${r}:${n}`}</Link>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <IntakeStatsCard />
    </Space>
  );
}
