import { Card, Space, Tag } from 'antd';
import { formatDateTime } from '../../shared/format';
import { RecordList } from './RecordList';
import { StatsCard } from './StatsCard';

interface LogItem {
  id: number;
  ts: string;
  username: string | null;
  departmentName: string | null;
  action: string;
  keys: string[];
  found: number | null;
  device: string | null;
  result: string;
}

const ACTIONS: Record<string, string> = {
  'ebike.pda-query': '非机动车查询',
  'enforcement.first-violation-check': '首违核查',
  'enforcement.rider-contact': '骑手联系方式',
};

/** P10 终端查询日志: every handheld query from the platform audit, with counts by officer and day. */
export default function QueryLogPage() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <StatsCard<{ username: string; day: string; queries: number; found: number }>
        title="按民警、按日统计"
        path="query-log"
        rowKey={(r) => `${r.username}-${r.day}`}
        pagination={{ pageSize: 10 }}
        data-testid="query-stats"
        columns={[
          { title: '日期', dataIndex: 'day' },
          { title: '民警账号', dataIndex: 'username' },
          { title: '查询次数', dataIndex: 'queries' },
          { title: '命中条数', dataIndex: 'found' },
        ]}
      />
      <Card size="small" title="查询记录">
        <RecordList<LogItem>
          path="query-log"
          columns={[
            { title: '时间', dataIndex: 'ts', render: formatDateTime },
            { title: '民警', dataIndex: 'username' },
            { title: '部门', dataIndex: 'departmentName' },
            { title: '查询', dataIndex: 'action', render: (a: string) => ACTIONS[a] ?? a },
            { title: '查询条件', dataIndex: 'keys', render: (k: string[]) => k.join('、') },
            { title: '命中', dataIndex: 'found' },
            { title: '终端', dataIndex: 'device' },
            { title: '结果', dataIndex: 'result', render: (r: string) => (r === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>) },
          ]}
        />
      </Card>
    </Space>
  );
}
