import { INBOXES } from '@shtp/core/tempplate';
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useInboxCounts } from './tempplate-queries';

const SHOWN = ['unassigned', 'first_check', 'review'] as const;

/** 工作台 card of 临牌查验: the work orders waiting for the user (the inboxes of 预警工单) and those past their deadline. */
export function TempplateHomeWidget() {
  const counts = useInboxCounts();
  const overdue = counts.data?.overdue ?? 0;
  return (
    <Card title="临牌查验预警工单" size="small" extra={<Link to="/tempplate/warnings">去处理</Link>} loading={counts.isPending}>
      <Row gutter={[12, 12]}>
        {SHOWN.map((inbox) => (
          <Col key={inbox} span={12}>
            <Statistic title={INBOXES[inbox]} value={counts.data?.[inbox] ?? 0} />
          </Col>
        ))}
        <Col span={12}>
          <Statistic title="超期未办结" value={overdue} styles={{ content: { color: overdue > 0 ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
    </Card>
  );
}
