import type { Param } from '@shtp/core/platform';
import { useQueryClient } from '@tanstack/react-query';
import { Descriptions, Form } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';
import { ParamValueInput } from './ParamValueInput';
import { formatParamValue, fromFormValue, toFormValue } from './param-values';

export function ParamEditModal({ param, onClose }: { param: Param; onClose: () => void }) {
  const [form] = Form.useForm<{ value: unknown }>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (value: unknown) => api.put<Param>(`/api/system/params/${encodeURIComponent(param.key)}`, { value }),
    success: '参数已保存',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: queryKeys.params });
      onClose();
    },
  });

  return (
    <FormModal title={`修改参数：${param.label}`} saving={save.isPending} onSave={() => form.submit()} onCancel={onClose} saveTestId="param-save">
      <Descriptions column={1} size="small" className="toolbar">
        <Descriptions.Item label="说明">{param.description || '—'}</Descriptions.Item>
        <Descriptions.Item label="默认值">{formatParamValue(param, param.defaultValue)}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={{ value: toFormValue(param) }} onFinish={(values) => save.mutate(fromFormValue(param, values.value))}>
        <Form.Item name="value" label="参数值">
          <ParamValueInput param={param} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
