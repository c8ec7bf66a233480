import { RoadBodySchema, type RoadDetail, RoadUpdateBodySchema } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import { roadworksKeys } from '../../api/roadworks-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { GRADE_LABELS } from './roadworks-labels';

/** Creates a road, or edits a road's names, districts and grade (the server keeps the previous version). */
export function RoadEditModal({ road, onClose, onSaved }: { road: RoadDetail | null; onClose: () => void; onSaved?: (road: RoadDetail) => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => (road ? api.put<RoadDetail>(`/api/roadworks/roads/${road.id}`, body) : api.post<RoadDetail>('/api/roadworks/roads', body)),
    success: road ? '已保存（原内容保留为历史版本）' : '已新增道路',
    onSuccess: (next) => {
      queryClient.setQueryData(roadworksKeys.road(next.id), next);
      onSaved?.(next);
      onClose();
    },
  });
  const submit = () => {
    const body = road
      ? parseFormValues(form, RoadUpdateBodySchema, { ...form.getFieldsValue(), version: road.version })
      : parseFormValues(form, RoadBodySchema, form.getFieldsValue());
    if (body) save.mutate(body);
  };
  const tags = { mode: 'tags' as const, tokenSeparators: ['，', ',', '、'], open: false };
  return (
    <FormModal title={road ? `修改道路 ${road.name}` : '新增道路'} saving={save.isPending} onSave={submit} onCancel={onClose} saveTestId="road-save">
      <Form form={form} layout="vertical" initialValues={road ?? { aliases: [], formerNames: [], districts: [] }}>
        <Form.Item name="name" label="标准路名" required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="aliases" label="别名">
          <Select {...tags} />
        </Form.Item>
        <Form.Item name="formerNames" label="曾用名">
          <Select {...tags} />
        </Form.Item>
        <Form.Item name="districts" label="所在区" required>
          <Select mode="multiple" options={Object.entries(SHANGHAI_DISTRICTS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="grade" label="道路等级" required>
          <Select options={Object.entries(GRADE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
