import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';

interface StatRow {
  departmentId: number;
  departmentName: string;
  pages: number;
  archivesCompleted: number;
  averageDelayHours: number | null;
}

/** 采集统计 (A7): pages and completed archives per department over a period, from the daily rollup. */
export default function ArchiveStatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const { data, isFetching } = useQuery({ queryKey: ['archive', 'stats', from, to], queryFn: () => api.get<StatRow[]>('/api/archive/stats', { from, to }) });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="采集统计">
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Card>
      <Table<StatRow>
        rowKey="departmentId"
        loading={isFetching}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: '部门', dataIndex: 'departmentName' },
          { title: '采集页数', dataIndex: 'pages' },
          { title: '采集齐全的业务', dataIndex: 'archivesCompleted' },
          { title: '平均采集时长（小时）', dataIndex: 'averageDelayHours', render: (v: number | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}
