import { type DictType, DictTypeBodySchema } from '@shtp/core/platform';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { EnabledItem } from '../../shared/sort-enabled-items';

type DictTypeForm = Partial<Pick<DictType, 'code' | 'name' | 'description' | 'enabled'>>;

export function DictTypeFormModal({ type, onClose, onSaved }: { type?: DictType; onClose: () => void; onSaved: (saved: DictType) => void }) {
  const [form] = Form.useForm<DictTypeForm>();
  const queryClient = useQueryClient();

  const save = useFormMutation(form, {
    mutationFn: (body: unknown) =>
      type ? api.put<DictType>(`/api/system/dict/types/${encodeURIComponent(type.code)}`, body) : api.post<DictType>('/api/system/dict/types', body),
    success: '字典已保存',
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: queryKeys.dictTypes });
      onSaved(saved);
    },
  });

  const submit = (values: DictTypeForm) => {
    const body = parseFormValues(form, DictTypeBodySchema, values);
    if (body) save.mutate(body);
  };

  return (
    <FormModal
      title={type ? `编辑字典 ${type.name}` : '新增字典'}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="dict-type-save"
    >
      <Form form={form} layout="vertical" initialValues={type ?? { enabled: true, description: '' }} onFinish={submit}>
        <Form.Item name="code" label="字典代码" required extra="小写字母开头，小写字母、数字或下划线">
          <Input maxLength={64} disabled={type !== undefined} data-testid="dict-type-code" />
        </Form.Item>
        <Form.Item name="name" label="字典名称" required>
          <Input maxLength={64} data-testid="dict-type-name" />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
        <EnabledItem />
      </Form>
    </FormModal>
  );
}
