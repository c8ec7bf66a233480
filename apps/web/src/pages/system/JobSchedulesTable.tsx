import type { JobSchedule } from '@shtp/core/platform';
import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { formatDateTime } from '../../shared/format';

const columns: TableColumnsType<JobSchedule> = [
  { title: '计划名称', dataIndex: 'name' },
  { title: 'Cron 表达式', dataIndex: 'cron', render: (cron: string) => <code>{cron}</code> },
  { title: '队列', dataIndex: 'queue' },
  { title: '状态', dataIndex: 'enabled', render: (enabled: boolean) => (enabled ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
  { title: '上次执行', dataIndex: 'lastRunAt', render: formatDateTime },
  { title: '下次执行', dataIndex: 'nextRunAt', render: formatDateTime },
];

export function JobSchedulesTable() {
  const schedules = useQuery({ queryKey: [...queryKeys.jobs, 'schedules'], queryFn: () => api.get<JobSchedule[]>('/api/jobs/schedules') });
  return <Table rowKey="name" columns={columns} dataSource={schedules.data} loading={schedules.isFetching} pagination={false} />;
}
