import { RISK_SUBJECTS, type RiskRow, type RiskSubject } from '@shtp/core/tempplate';
import { Card, Col, DatePicker, Descriptions, Empty, Row, Segmented, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { EChart } from '../../shared/EChart';
import { useRiskProfile, useRiskRanking } from './tempplate-queries';

/** One subject's score explained: the formula, the outcomes, the points per rule, and the way to its warnings. */
function Profile({ subject, from, to }: { subject: { kind: RiskSubject; key: string }; from: string; to: string }) {
  const profile = useRiskProfile(subject, from, to);
  const p = profile.data;
  if (!p) return <Empty description={profile.isError ? '无法读取画像' : '读取中'} />;
  const timeline = `/tempplate/warnings?${new URLSearchParams({ subjectKind: subject.kind, subjectKey: subject.key, from, to })}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="risk-profile">
      <Descriptions size="small" column={1} bordered title={`${RISK_SUBJECTS[p.kind as RiskSubject]}：${p.label}`}>
        <Descriptions.Item label="风险分">{p.score}</Descriptions.Item>
        <Descriptions.Item label="预警 / 属实 / 不属实 / 未办结">{`${p.warnings} / ${p.confirmed} / ${p.unfounded} / ${p.open}`}</Descriptions.Item>
        <Descriptions.Item label="计算方法">{p.formula}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="rule"
        pagination={false}
        dataSource={p.byRule}
        columns={[
          { title: '规则', key: 'rule', render: (_, r) => `${r.rule} ${r.ruleName}` },
          { title: '预警', dataIndex: 'warnings' },
          { title: '属实', dataIndex: 'confirmed' },
          { title: '分值', dataIndex: 'points' },
        ]}
      />
      <Link to={timeline} data-testid="risk-timeline">
        查看全部预警及证据（按时间）
      </Link>
    </Space>
  );
}

/** 风险画像: dealers, officers, agents and ID holders ranked by the warnings of their businesses and their outcomes. */
export default function RiskPage() {
  const [kind, setKind] = useState<RiskSubject>('dealer');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'year').startOf('year'), dayjs()]);
  const [subject, setSubject] = useState<{ kind: RiskSubject; key: string } | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const ranking = useRiskRanking(kind, from, to);
  const rows = useMemo(() => ranking.data ?? [], [ranking.data]);
  const option = useMemo(() => {
    const top = rows.slice(0, 10).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 20, bottom: 20, top: 10 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: top.map((r) => r.label) },
      series: [{ name: '风险分', type: 'bar', data: top.map((r) => r.score) }],
    };
  }, [rows]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<RiskSubject>
          value={kind}
          onChange={(v) => {
            setKind(v);
            setSubject(null);
          }}
          options={(Object.keys(RISK_SUBJECTS) as RiskSubject[]).map((k) => ({ value: k, label: RISK_SUBJECTS[k] }))}
          data-testid="risk-kind"
        />
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Typography.Text type="secondary">按期间内发放的临牌所产生的预警计分</Typography.Text>
      </Space>
      <Row gutter={16}>
        <Col span={14}>
          <Card size="small" title={`${RISK_SUBJECTS[kind]}风险排名（前 50）`}>
            <EChart option={option} height={260} label="风险分前十" />
            <Table<RiskRow>
              size="small"
              rowKey="key"
              loading={ranking.isPending}
              dataSource={rows}
              pagination={{ pageSize: 10 }}
              data-testid="risk-ranking"
              columns={[
                {
                  title: RISK_SUBJECTS[kind],
                  dataIndex: 'label',
                  render: (label: string, r) => <Typography.Link onClick={() => setSubject({ kind, key: r.key })}>{label}</Typography.Link>,
                },
                { title: '风险分', dataIndex: 'score' },
                { title: '预警', dataIndex: 'warnings' },
                { title: '属实', dataIndex: 'confirmed' },
                { title: '不属实', dataIndex: 'unfounded' },
                { title: '未办结', dataIndex: 'open' },
              ]}
            />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title="画像">
            {subject ? <Profile subject={subject} from={from} to={to} /> : <Empty description="在排名中选择一个对象" />}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
