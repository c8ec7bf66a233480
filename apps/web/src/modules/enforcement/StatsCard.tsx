import { Card, Table, type TableColumnsType, type TableProps } from 'antd';
import { useEnforcementStats } from './enforcement-queries';

/** A small card with the rows of one stats endpoint (`/api/enforcement/<path>/stats`), on one page unless told. */
export function StatsCard<T extends object>({
  title,
  path,
  rowKey,
  columns,
  pagination = false,
  'data-testid': testId,
}: {
  title: string;
  path: string;
  rowKey: TableProps<T>['rowKey'];
  columns: TableColumnsType<T>;
  pagination?: TableProps<T>['pagination'];
  'data-testid'?: string;
}) {
  const stats = useEnforcementStats<T>(path, {});
  return (
    <Card size="small" title={title}>
      <Table<T> size="small" rowKey={rowKey} dataSource={stats.data} loading={stats.isPending} pagination={pagination} data-testid={testId} columns={columns} />
    </Card>
  );
}
