import { PROTECTION_KINDS, type ProtectionKind, ROADWORKS_P, type Segment } from '@shtp/core/roadworks';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useRoad } from '../../api/roadworks-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { IntersectionsTable } from './IntersectionsTable';
import { ProtectionModal } from './ProtectionModal';
import { RetireModal } from './RetireModal';
import { RoadEditModal } from './RoadEditModal';
import { RoadDrawing } from './RoadMap';
import { RoadPicker } from './RoadPicker';
import { districtName, GRADE_LABELS } from './roadworks-labels';
import { SegmentCreateModal } from './SegmentCreateModal';
import { SegmentEditModal } from './SegmentEditModal';

/** 标准路名 (R5): find a road; its names, districts, grade, segments in order with protection dates; edit; GeoJSON. */
export default function GazetteerPage() {
  const [roadId, setRoadId] = useState<number | null>(null);
  const [editing, setEditing] = useState<'edit' | 'new' | null>(null);
  const can = usePermission();
  const [protecting, setProtecting] = useState<Segment | null>(null);
  const [addingSegment, setAddingSegment] = useState(false);
  const [editingSegment, setEditingSegment] = useState<Segment | null>(null);
  const [retiring, setRetiring] = useState<Segment | null>(null);
  const road = useRoad(roadId);
  const r = road.data;
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const importGeoJson = async (file: File) => {
    try {
      const result = await api.post<{ updated: number; created: number; skipped: { index: number; reason: string }[] }>(
        '/api/roadworks/segments/geojson',
        JSON.parse(await file.text()),
      );
      message.success(
        `更新 ${result.updated} 个、新增 ${result.created} 个路段${result.skipped.length ? `，跳过 ${result.skipped.length} 个（${result.skipped[0]!.reason}…）` : ''}`,
      );
      queryClient.invalidateQueries({ queryKey: ['roadworks', 'road'] });
    } catch (e) {
      reportError(e instanceof SyntaxError ? new Error('文件不是有效的 JSON') : e);
    }
    return false;
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <div style={{ width: 420 }}>
          <RoadPicker onRoad={setRoadId} />
        </div>
        {can(ROADWORKS_P.gazetteerEdit) && <Button onClick={() => setEditing('new')}>新增道路</Button>}
        <Button href="/api/roadworks/segments/geojson">导出 GeoJSON</Button>
        {r?.actions.edit.allowed && (
          <Upload accept=".geojson,.json" showUploadList={false} beforeUpload={importGeoJson}>
            <Button>导入 GeoJSON</Button>
          </Upload>
        )}
      </Space>
      {r && (
        <>
          {r.partial && <Alert type="info" showIcon title="该道路来自初始路名库（不完整），请核对并补充路口与路段" />}
          <Descriptions size="small" bordered column={2} extra={r.actions.edit.allowed && <Button onClick={() => setEditing('edit')}>修改</Button>}>
            <Descriptions.Item label="标准路名">{r.name}</Descriptions.Item>
            <Descriptions.Item label="等级">{GRADE_LABELS[r.grade]}</Descriptions.Item>
            <Descriptions.Item label="别名">{r.aliases.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="曾用名">{r.formerNames.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="所在区">{r.districts.map(districtName).join('、')}</Descriptions.Item>
            <Descriptions.Item label="版本">{r.version}</Descriptions.Item>
          </Descriptions>
          <RoadDrawing road={r} highlight={[]} />
          {r.actions.edit.allowed && (
            <Button data-testid="segment-create" onClick={() => setAddingSegment(true)}>
              新增路段
            </Button>
          )}
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.segments}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 60 },
              { title: '路段', dataIndex: 'label' },
              { title: '保护期起算', dataIndex: 'protectedSince', render: (d: string | null) => d ?? '—' },
              { title: '类型', dataIndex: 'protectionKind', render: (k: ProtectionKind | null) => (k ? PROTECTION_KINDS[k] : '—') },
              { title: '几何', dataIndex: 'geometry', render: (g: unknown) => (g ? '已测绘' : '—') },
              {
                title: '操作',
                key: 'actions',
                render: (_, s) =>
                  r.actions.edit.allowed && (
                    <Space>
                      <Button size="small" onClick={() => setProtecting(s)}>
                        保护期
                      </Button>
                      <Button size="small" onClick={() => setEditingSegment(s)}>
                        修改
                      </Button>
                      <Button size="small" danger data-testid={`segment-retire-${s.id}`} onClick={() => setRetiring(s)}>
                        停用
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
          {r.retiredSegments.length > 0 && (
            <Typography.Text type="secondary" data-testid="retired-segments">
              已停用路段：{r.retiredSegments.map((s) => s.label).join('、')}
            </Typography.Text>
          )}
          <Typography.Title level={5}>路口</Typography.Title>
          <IntersectionsTable road={r} />
          {editingSegment && <SegmentEditModal road={r} segment={editingSegment} onClose={() => setEditingSegment(null)} />}
          {retiring && (
            <RetireModal
              what={`路段“${retiring.label}”`}
              url={`/api/roadworks/segments/${retiring.id}/retire`}
              version={retiring.version}
              roadId={r.id}
              onClose={() => setRetiring(null)}
            />
          )}
          {editing === 'edit' && <RoadEditModal road={r} onClose={() => setEditing(null)} />}
          {protecting && <ProtectionModal segment={protecting} onClose={() => setProtecting(null)} />}
          {addingSegment && <SegmentCreateModal road={r} onClose={() => setAddingSegment(false)} />}
        </>
      )}
      {editing === 'new' && <RoadEditModal road={null} onClose={() => setEditing(null)} onSaved={(created) => setRoadId(created.id)} />}
    </Space>
  );
}
