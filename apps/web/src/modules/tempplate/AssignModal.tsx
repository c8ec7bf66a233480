import { AssignBodySchema } from '@shtp/core/tempplate';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { tempplateKeys, useAssignableDepartments } from './tempplate-queries';

/** 分配 / 改派 one or many orders to a first-check and a review department. */
export function AssignModal({ ids, onClose }: { ids: number[] | null; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const departments = useAssignableDepartments(ids !== null);
  const options = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const assign = useFormMutation(form, {
    mutationFn: (body: unknown) => api.post<{ assigned: number }>('/api/tempplate/orders/assign', body),
    success: (r) => `已分配 ${r.assigned} 件`,
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: tempplateKeys.all });
      form.resetFields();
      onClose(true);
    },
  });
  const submit = (values: Record<string, unknown>) => {
    const body = parseFormValues(form, AssignBodySchema, { ...values, ids });
    if (body) assign.mutate(body);
  };
  return (
    <Modal
      open={ids !== null}
      title={`分配工单（${ids?.length ?? 0} 件）`}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="departmentId" label="初核部门" required>
          <Select showSearch optionFilterProp="label" options={options} loading={departments.isPending} data-testid="assign-check-dept" />
        </Form.Item>
        <Form.Item name="reviewDepartmentId" label="复核部门" required>
          <Select showSearch optionFilterProp="label" options={options} loading={departments.isPending} data-testid="assign-review-dept" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
