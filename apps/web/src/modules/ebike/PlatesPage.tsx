import { PlusOutlined } from '@ant-design/icons';
import { PLATE_KINDS } from '@shtp/core/ebike';
import { Button, Card, Space, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { usePlateStats } from '../../api/ebike-queries';
import { usePermission } from '../../auth/session';
import { ExportButton } from '../../shared/ExportButton';
import { codeLabel } from './code-labels';
import { EP } from './ebike-permissions';
import { PlateBatchModal } from './PlateBatchModal';
import { PLATE_STATUS, type PoolRow, pivotPoolStats } from './plate-pool';

const columns: TableColumnsType<PoolRow> = [
  { title: '部门', dataIndex: 'departmentName' },
  { title: '号牌种类', dataIndex: 'plateKind', render: (kind: string) => codeLabel(PLATE_KINDS, kind) },
  ...Object.entries(PLATE_STATUS).map(([status, title]) => ({ title, dataIndex: status, align: 'right' as const })),
];

/** 号牌管理: what each department's pool holds (free, cooling after return, allocated, retired) and new series. */
export default function PlatesPage() {
  const stats = usePlateStats();
  const can = usePermission();
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => pivotPoolStats(stats.data ?? []), [stats.data]);

  return (
    <Card
      title="号牌库存"
      extra={
        <Space>
          <ExportButton path="/api/ebike/plates/export" testId="plate-export" />
          {can(EP.plateManage) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plate-batch-create">
              生成号段
            </Button>
          )}
        </Space>
      }
    >
      <Table rowKey="key" size="small" columns={columns} dataSource={rows} loading={stats.isPending} pagination={false} data-testid="plate-stats" />
      {creating && <PlateBatchModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
