import { Card, Tabs } from 'antd';
import { JobSchedulesTable } from './JobSchedulesTable';
import { JobsTable } from './JobsTable';

export default function JobsPage() {
  return (
    <Card title="任务队列">
      <Tabs
        items={[
          { key: 'jobs', label: '任务', children: <JobsTable /> },
          { key: 'schedules', label: '定时计划', children: <JobSchedulesTable /> },
        ]}
      />
    </Card>
  );
}
