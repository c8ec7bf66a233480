import { ARCHIVE_P, DOC_TYPES, type DocType } from '@shtp/core/archive';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { usePermission } from '../../auth/session';
import { formatDateTime } from '../../shared/format';

export interface VehicleArchive {
  id: number;
  lsh: string;
  acceptedAt: string;
  complete: boolean;
  missing: { docType: DocType; required: number; present: number }[];
}

/** The archives of the vehicle's businesses (A8), read only for users who may see archives (else none). */
export function useVehicleArchives(vehicleId: number) {
  const can = usePermission();
  const allowed = can(ARCHIVE_P.view) || can(ARCHIVE_P.capture);
  const { data } = useQuery({
    queryKey: ['archive', 'vehicle', vehicleId],
    queryFn: () => api.get<VehicleArchive[]>(`/api/archive/vehicles/${vehicleId}/archives`),
    enabled: allowed && Number.isInteger(vehicleId) && vehicleId > 0,
  });
  return { allowed, data };
}

/** The vehicle's businesses that have an archive (影像档案, A8), with their completeness; for users who may see archives. */
export function ArchiveCompleteness({ vehicleId }: { vehicleId: number }) {
  const { allowed, data } = useVehicleArchives(vehicleId);
  if (!allowed) return null;
  return (
    <Card title="影像档案">
      {data && data.length === 0 ? (
        <Empty description="尚无影像档案" />
      ) : (
        <Table<VehicleArchive>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data ?? []}
          data-testid="vehicle-archives"
          columns={[
            { title: '流水号', dataIndex: 'lsh', render: (lsh: string, a) => <Link to={`/archive/archives/${a.id}`}>{lsh}</Link> },
            { title: '受理时间', dataIndex: 'acceptedAt', render: formatDateTime },
            {
              title: '材料',
              key: 'c',
              render: (_, a) =>
                a.complete ? (
                  <Tag color="green">已齐全</Tag>
                ) : (
                  <Tag color="orange">缺：{a.missing.map((m) => DOC_TYPES[m.docType] ?? m.docType).join('、')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
