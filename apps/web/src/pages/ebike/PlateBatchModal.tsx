import { PLATE_KINDS, PlateBatchBodySchema } from '@shtp/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Select, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { ebikeKeys } from '../../api/ebike-queries';
import { useDepartments } from '../../api/system-queries';
import { useMe } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { parseFormValues } from '../../forms/zod-form';
import { buildDepartmentTree, type DepartmentOption, departmentOptions } from '../../shared/department-tree';
import { FormModal } from '../../shared/FormModal';
import { codeOptions } from './code-labels';

interface BatchForm {
  plateKind: string;
  departmentId?: number;
  prefix?: string;
  from?: number | null;
  count?: number | null;
}

/**
 * The department tree of the user's data scope. A plate manager without the department list permission gets the
 * departments that already have a pool, plus their own.
 */
function useDepartmentChoices(known: readonly { id: number; name: string }[]): DepartmentOption[] {
  const departments = useDepartments();
  const me = useMe();
  if (departments.data) return departmentOptions(buildDepartmentTree(departments.data));
  const byId = new Map([[me.department.id, me.department.name], ...known.map((d) => [d.id, d.name] as const)]);
  return [...byId].map(([value, title]) => ({ value, title }));
}

/** 生成号段: a prefix (沪 + authority letter …) and a run of zero-padded numbers for one department's pool. */
export function PlateBatchModal({ knownDepartments, onClose }: { knownDepartments: { id: number; name: string }[]; onClose: () => void }) {
  const [form] = Form.useForm<BatchForm>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const options = useDepartmentChoices(knownDepartments);

  const generate = useMutation({
    mutationFn: (body: unknown) => api.post<{ added: number; skipped: number }>('/api/ebike/plates/batches', body),
    onSuccess: ({ added, skipped }) => {
      message.success(`已生成 ${added} 个号码${skipped > 0 ? `，${skipped} 个已存在而跳过` : ''}`);
      queryClient.invalidateQueries({ queryKey: ebikeKeys.plates });
      onClose();
    },
    onError: (error) => reportError(error, form),
  });

  const submit = (v: BatchForm) => {
    const body = parseFormValues(form, PlateBatchBodySchema, { ...v, from: v.from ?? undefined, count: v.count ?? undefined });
    if (body) generate.mutate(body);
  };

  return (
    <FormModal title="生成号段" saving={generate.isPending} onSave={() => form.submit()} onCancel={onClose} saveTestId="plate-batch-save" saveText="生成">
      <Form form={form} layout="vertical" initialValues={{ plateKind: 'P', from: 0 }} onFinish={submit}>
        <Form.Item name="departmentId" label="部门" required>
          <TreeSelect
            treeData={options}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="请选择部门"
            data-testid="plate-batch-department"
          />
        </Form.Item>
        <Form.Item name="plateKind" label="号牌种类" required>
          <Select options={codeOptions(PLATE_KINDS)} />
        </Form.Item>
        <Form.Item name="prefix" label="号段前缀" required extra="“沪”加发牌机关字母，可再带 0–3 位字母或数字，如 沪C、沪CK">
          <Input maxLength={5} data-testid="plate-batch-prefix" />
        </Form.Item>
        <Form.Item name="from" label="起始号码" required extra="前缀后的数字部分补零到 8 位总长">
          <InputNumber min={0} style={{ width: '100%' }} data-testid="plate-batch-from" />
        </Form.Item>
        <Form.Item name="count" label="数量" required extra="一次最多 100000 个；已存在的号码跳过">
          <InputNumber min={1} max={100_000} style={{ width: '100%' }} data-testid="plate-batch-count" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
