import { type RoadDetail, SegmentCreateBodySchema } from '@shtp/core/roadworks';
import { useQueryClient } from '@tanstack/react-query';
import { Form, InputNumber } from 'antd';
import { api } from '../../api/client';
import { roadworksKeys } from '../../api/roadworks-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { RoadPicker } from './RoadPicker';

interface Values {
  fromRoadId: number | null;
  toRoadId: number | null;
  seq: number | null;
}

/** 新增路段: the road between its crossings with two other roads (found with the picker), at a place in its order. */
export function SegmentCreateModal({ road, onClose }: { road: RoadDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => api.post<RoadDetail>(`/api/roadworks/roads/${road.id}/segments`, body),
    success: '已新增路段',
    onSuccess: (next) => {
      queryClient.setQueryData(roadworksKeys.road(road.id), next);
      onClose();
    },
  });
  const submit = () => {
    const body = parseFormValues(form, SegmentCreateBodySchema, form.getFieldsValue());
    if (body) save.mutate(body);
  };
  const nextSeq = Math.max(0, ...road.segments.map((s) => s.seq)) + 1;
  return (
    <FormModal title={`新增路段：${road.name}`} saving={save.isPending} onSave={submit} onCancel={onClose} saveTestId="segment-create-save">
      <Form form={form} layout="vertical" initialValues={{ fromRoadId: null, toRoadId: null, seq: nextSeq }}>
        <Form.Item name="fromRoadId" label="起点相交道路" required>
          <RoadPicker onRoad={(id) => form.setFieldValue('fromRoadId', id)} />
        </Form.Item>
        <Form.Item name="toRoadId" label="终点相交道路" required>
          <RoadPicker onRoad={(id) => form.setFieldValue('toRoadId', id)} />
        </Form.Item>
        <Form.Item name="seq" label="顺序号（沿道路方向，已有路段的顺序号不能再用）" required>
          {/* No min/max/precision: the schema refuses an out-of-range number with a message instead of it being changed on blur. */}
          <InputNumber data-testid="segment-create-seq" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
