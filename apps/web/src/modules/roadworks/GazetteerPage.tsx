import { Alert, Descriptions, Space, Table } from 'antd';
import { useState } from 'react';
import { useRoad } from '../../api/roadworks-queries';
import { RoadPicker } from './RoadPicker';
import { RoadSchematic } from './RoadSchematic';
import { districtName, GRADE_LABELS } from './roadworks-labels';

/** 标准路名 (R5): find a road, see its names, districts, grade and segments in order with their protection dates. */
export default function GazetteerPage() {
  const [roadId, setRoadId] = useState<number | null>(null);
  const road = useRoad(roadId);
  const r = road.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ maxWidth: 480 }}>
        <RoadPicker onRoad={setRoadId} />
      </div>
      {r && (
        <>
          {r.partial && <Alert type="info" showIcon title="该道路来自初始路名库（不完整），请核对并补充路口与路段" />}
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="标准路名">{r.name}</Descriptions.Item>
            <Descriptions.Item label="等级">{GRADE_LABELS[r.grade]}</Descriptions.Item>
            <Descriptions.Item label="别名">{r.aliases.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="曾用名">{r.formerNames.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="所在区">{r.districts.map(districtName).join('、')}</Descriptions.Item>
            <Descriptions.Item label="版本">{r.version}</Descriptions.Item>
          </Descriptions>
          <RoadSchematic road={r} highlight={[]} />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.segments}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 60 },
              { title: '路段', dataIndex: 'label' },
              { title: '保护期起算', dataIndex: 'protectedSince', render: (d: string | null) => d ?? '—' },
              {
                title: '类型',
                dataIndex: 'protectionKind',
                render: (k: string | null) => ({ new: '新建', rebuild: '改建扩建', overhaul: '大修' })[k ?? ''] ?? '—',
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
