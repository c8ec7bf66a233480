import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';

/** One figure of a 工作台 card; `alert`: shown red while above zero (work that waits for someone). */
export interface CountItem {
  title: string;
  value: number;
  alert?: boolean;
}

/** A module's 工作台 card: a few counts in its user's scope, a link to the page where they are handled, a note. */
export function CountsCard({ title, to, loading, items, note }: { title: string; to: string; loading: boolean; items: CountItem[]; note?: ReactNode }) {
  return (
    <Card title={title} size="small" extra={<Link to={to}>去处理</Link>} loading={loading}>
      <Row gutter={[12, 12]}>
        {items.map((item) => (
          <Col key={item.title} span={12}>
            <Statistic title={item.title} value={item.value} styles={{ content: { color: item.alert && item.value > 0 ? '#cf1322' : undefined } }} />
          </Col>
        ))}
      </Row>
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Card>
  );
}

/** A 工作台 card whose counts come from one GET endpoint of its module (`items` reads them from its answer). */
export function EndpointCountsCard<T>({
  path,
  queryKey,
  title,
  to,
  items,
}: {
  path: string;
  queryKey: readonly unknown[];
  title: string;
  to: string;
  items: (answer: T | undefined) => CountItem[];
}) {
  const answer = useQuery({ queryKey, queryFn: () => api.get<T>(path) });
  return <CountsCard title={title} to={to} loading={answer.isPending} items={items(answer.data)} />;
}
