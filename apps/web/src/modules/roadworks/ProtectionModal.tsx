import { PROTECTION_KINDS, type Segment, SegmentProtectionBodySchema } from '@shtp/core/roadworks';
import { useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';

/** Sets the date and kind of a segment's last new-build, rebuild or overhaul (the start of its protection period). */
export function ProtectionModal({ segment, onClose }: { segment: Segment; onClose: () => void }) {
  const [form] = Form.useForm<{ protectedSince: Dayjs | null; protectionKind: string | null }>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => api.put<Segment>(`/api/roadworks/segments/${segment.id}/protection`, body),
    success: '已保存',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['roadworks', 'road', segment.roadId] });
      onClose();
    },
  });
  const submit = () => {
    const v = form.getFieldsValue();
    const body = parseFormValues(form, SegmentProtectionBodySchema, {
      protectedSince: v.protectedSince ? v.protectedSince.format('YYYY-MM-DD') : null,
      protectionKind: v.protectionKind ?? null,
      version: segment.version,
    });
    if (body) save.mutate(body);
  };
  return (
    <FormModal title={`掘路保护期 ${segment.label}`} saving={save.isPending} onSave={submit} onCancel={onClose} saveTestId="protection-save">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ protectedSince: segment.protectedSince ? dayjs(segment.protectedSince) : null, protectionKind: segment.protectionKind }}
      >
        <Form.Item name="protectedSince" label="新建、改建扩建或大修完成日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="protectionKind" label="类型">
          <Select allowClear options={Object.entries(PROTECTION_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
