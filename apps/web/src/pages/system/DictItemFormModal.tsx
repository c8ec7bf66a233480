import { type DictItem, DictItemBodySchema } from '@shtp/core/platform';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { EnabledItem, SortItem } from '../../shared/sort-enabled-items';

type DictItemForm = Partial<Pick<DictItem, 'value' | 'label' | 'sort' | 'enabled'>>;

export function DictItemFormModal({ typeCode, item, nextSort, onClose }: { typeCode: string; item?: DictItem; nextSort: number; onClose: () => void }) {
  const [form] = Form.useForm<DictItemForm>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) =>
      item
        ? api.put<DictItem>(`/api/system/dict/items/${item.id}`, body)
        : api.post<DictItem>(`/api/system/dict/types/${encodeURIComponent(typeCode)}/items`, body),
    success: '字典项已保存',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: queryKeys.dictItems });
      onClose();
    },
  });

  const submit = (values: DictItemForm) => {
    const body = parseFormValues(form, DictItemBodySchema, { ...values, sort: values.sort ?? 0 });
    if (body) save.mutate(body);
  };

  return (
    <FormModal title={item ? '编辑字典项' : '新增字典项'} saving={save.isPending} onSave={() => form.submit()} onCancel={onClose} saveTestId="dict-item-save">
      <Form form={form} layout="vertical" initialValues={item ?? { sort: nextSort, enabled: true }} onFinish={submit}>
        <Form.Item name="value" label="字典值" required>
          <Input maxLength={32} data-testid="dict-item-value" />
        </Form.Item>
        <Form.Item name="label" label="显示名称" required>
          <Input maxLength={64} data-testid="dict-item-label" />
        </Form.Item>
        <SortItem />
        <EnabledItem />
      </Form>
    </FormModal>
  );
}
