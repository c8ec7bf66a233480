import { type Intersection, IntersectionUpdateBodySchema, type RoadDetail } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { RetireModal } from './RetireModal';
import { RoadPicker } from './RoadPicker';
import { districtName } from './roadworks-labels';

/** The road's intersections in service: the roads that meet there, district; edit and retire for maintainers. */
export function IntersectionsTable({ road }: { road: RoadDetail }) {
  const [editing, setEditing] = useState<Intersection | null>(null);
  const [retiring, setRetiring] = useState<Intersection | null>(null);
  const edit = road.actions.edit.allowed;
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={road.intersections}
        data-testid="intersections"
        columns={[
          { title: '路口', dataIndex: 'name' },
          { title: '所在区', dataIndex: 'districtCode', render: (d: string | null) => districtName(d) },
          { title: '版本', dataIndex: 'version', width: 60 },
          {
            title: '操作',
            key: 'actions',
            render: (_, i) =>
              edit && (
                <Space>
                  <Button size="small" onClick={() => setEditing(i)}>
                    修改
                  </Button>
                  <Button size="small" danger onClick={() => setRetiring(i)}>
                    停用
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {editing && <IntersectionEditModal node={editing} onClose={() => setEditing(null)} />}
      {retiring && (
        <RetireModal
          what={`路口“${retiring.name}”`}
          url={`/api/roadworks/intersections/${retiring.id}/retire`}
          version={retiring.version}
          roadId={road.id}
          onClose={() => setRetiring(null)}
        />
      )}
    </>
  );
}

function IntersectionEditModal({ node, onClose }: { node: Intersection; onClose: () => void }) {
  const [form] = Form.useForm<{ districtCode: string | null }>();
  const [roads, setRoads] = useState(node.roadIds.map((id, i) => ({ id, name: node.roadNames[i]! })));
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => api.put<Intersection>(`/api/roadworks/intersections/${node.id}`, body),
    success: '已修改路口',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['roadworks', 'road'] });
      onClose();
    },
  });
  const submit = () => {
    const body = parseFormValues(form, IntersectionUpdateBodySchema, {
      roadIds: roads.map((r) => r.id),
      districtCode: form.getFieldValue('districtCode') ?? null,
      version: node.version,
    });
    if (body) save.mutate(body);
  };
  const add = (id: number, name: string) => {
    if (!roads.some((r) => r.id === id)) setRoads([...roads, { id, name }]);
  };
  return (
    <FormModal title={`修改路口：${node.name}`} saving={save.isPending} onSave={submit} onCancel={onClose} saveTestId="intersection-edit-save">
      <Form form={form} layout="vertical" initialValues={{ districtCode: node.districtCode }}>
        <Form.Item name="roadIds" label="相交道路（路口名称随之改变）" required>
          <Space wrap>
            {roads.map((r) => (
              <Tag key={r.id} closable onClose={() => setRoads(roads.filter((x) => x.id !== r.id))}>
                {r.name}
              </Tag>
            ))}
          </Space>
        </Form.Item>
        <Form.Item label="增加相交道路">
          <RoadPicker onRoad={add} />
        </Form.Item>
        <Form.Item name="districtCode" label="所在区">
          <Select allowClear options={Object.entries(SHANGHAI_DISTRICTS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
