import { UPLOAD_STATUS, type UploadStatus } from '@shtp/core/ebike';
import { Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useUploadStats } from '../../api/ebike-queries';
import { EChart } from '../../shared/EChart';

const COLOURS: Record<UploadStatus, string> = {
  pending: '#faad14',
  uploading: '#1677ff',
  done: '#52c41a',
  failed: '#ff4d4f',
  rejected: '#a8071a',
  waiting: '#d4b106',
  repaired: '#8c8c8c',
};

/** 工作台 card of the e-bike module: 六合一 uploads to handle (rejected and waiting) and the state of all uploads. */
export function EbikeHomeWidget() {
  const stats = useUploadStats();
  const counts = stats.data?.counts ?? {};
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          // Seven states in a card a third of 1366 px wide: the legend takes two lines under the ring, so the ring sits
          // higher and names its slices in the legend and the tooltip only (outside labels collided with the legend).
          radius: ['38%', '60%'],
          center: ['50%', '40%'],
          label: { show: false },
          data: (Object.keys(UPLOAD_STATUS) as UploadStatus[]).map((s) => ({
            name: UPLOAD_STATUS[s],
            value: counts[s] ?? 0,
            itemStyle: { color: COLOURS[s] },
          })),
        },
      ],
    }),
    [counts],
  );
  const toHandle = (counts.failed ?? 0) + (counts.rejected ?? 0);
  return (
    <Card title="六合一上传" size="small" extra={<Link to="/ebike/uploads">去处理</Link>} loading={stats.isPending}>
      <Row gutter={12}>
        <Col span={12}>
          <Statistic title="失败或被拒待处理" value={toHandle} valueStyle={{ color: toHandle > 0 ? '#cf1322' : undefined }} />
        </Col>
        <Col span={12}>
          <Statistic title="待上传（含等待前序业务）" value={(counts.pending ?? 0) + (counts.uploading ?? 0) + (counts.waiting ?? 0)} />
        </Col>
      </Row>
      <EChart option={option} label="六合一上传状态分布" />
    </Card>
  );
}
