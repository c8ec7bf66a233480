import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useArchiveWarnings } from './archive-api';

const total = (rows: { count: number }[] | undefined) => (rows ?? []).reduce((n, r) => n + r.count, 0);

/** 工作台 card of 影像档案: in the user's scope, the businesses still missing required material and those never opened. */
export function ArchiveHomeWidget() {
  const warnings = useArchiveWarnings();
  const incomplete = total(warnings.data?.byDepartment);
  const unopened = total(warnings.data?.unopened.byDepartment);
  const hours = warnings.data?.hours;
  return (
    <Card title="影像档案未齐全预警" size="small" extra={<Link to="/archive/warnings">去处理</Link>} loading={warnings.isPending}>
      <Row gutter={12}>
        <Col span={12}>
          <Statistic title="缺少必需材料" value={incomplete} styles={{ content: { color: incomplete > 0 ? '#cf1322' : undefined } }} />
        </Col>
        <Col span={12}>
          <Statistic title="从未打开档案" value={unopened} styles={{ content: { color: unopened > 0 ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      {hours !== undefined && <Typography.Text type="secondary">统计受理超过 {hours} 小时的业务</Typography.Text>}
    </Card>
  );
}
