import { RetireBodySchema } from '@shtp/core/roadworks';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';

/**
 * 停用 a segment or intersection with a reason. Never a delete: permits keep naming it. The server refuses while open
 * cases (or segments in service) depend on it, and says which.
 */
export function RetireModal({ what, url, version, roadId, onClose }: { what: string; url: string; version: number; roadId: number; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => api.post<unknown>(url, body),
    success: `已停用${what}`,
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['roadworks', 'road', roadId] });
      onClose();
    },
  });
  const submit = () => {
    const body = parseFormValues(form, RetireBodySchema, { reason: form.getFieldValue('reason') ?? '', version });
    if (body) save.mutate(body);
  };
  return (
    <FormModal title={`停用${what}`} saving={save.isPending} onSave={submit} onCancel={onClose} saveTestId="retire-save" saveText="停用">
      <Alert type="warning" showIcon title="停用后不再供定位选择，已有许可仍显示；有未办结办件时不能停用" style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="停用原因" required>
          <Input maxLength={200} data-testid="retire-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
