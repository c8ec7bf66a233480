import { type RoadDetail, type Segment, SegmentUpdateBodySchema } from '@shtp/core/roadworks';
import { useQueryClient } from '@tanstack/react-query';
import { Form, InputNumber, Select } from 'antd';
import { api } from '../../api/client';
import { roadworksKeys } from '../../api/roadworks-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';

interface Values {
  fromIntersectionId: number;
  toIntersectionId: number;
  seq: number;
}

/** 修改路段: other ends among the road's intersections in service, or another place in its order (versioned). */
export function SegmentEditModal({ road, segment, onClose }: { road: RoadDetail; segment: Segment; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => api.put<RoadDetail>(`/api/roadworks/segments/${segment.id}`, body),
    success: '已修改路段',
    onSuccess: (next) => {
      queryClient.setQueryData(roadworksKeys.road(road.id), next);
      onClose();
    },
  });
  const submit = () => {
    const body = parseFormValues(form, SegmentUpdateBodySchema, { ...form.getFieldsValue(), version: segment.version });
    if (body) save.mutate(body);
  };
  const options = road.intersections.map((i) => ({ value: i.id, label: i.name }));
  return (
    <FormModal title={`修改路段：${segment.label}`} saving={save.isPending} onSave={submit} onCancel={onClose} saveTestId="segment-edit-save">
      <Form form={form} layout="vertical" initialValues={{ fromIntersectionId: segment.from.id, toIntersectionId: segment.to.id, seq: segment.seq }}>
        <Form.Item name="fromIntersectionId" label="起点路口" required>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} data-testid="segment-edit-from" />
        </Form.Item>
        <Form.Item name="toIntersectionId" label="终点路口" required>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} data-testid="segment-edit-to" />
        </Form.Item>
        <Form.Item name="seq" label="顺序号" required>
          {/* No min/max/precision: the schema refuses an out-of-range number with a message instead of it being changed on blur. */}
          <InputNumber data-testid="segment-edit-seq" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
