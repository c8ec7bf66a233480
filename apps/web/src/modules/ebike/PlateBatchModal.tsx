import { PLATE_KINDS, PlateBatchBodySchema } from '@shtp/core/ebike';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { ebikeKeys, usePlateDepartments } from '../../api/ebike-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { buildDepartmentTree, departmentOptions } from '../../shared/department-tree';
import { FormModal } from '../../shared/FormModal';
import { codeOptions } from './code-labels';

interface BatchForm {
  plateKind: string;
  departmentId?: number;
  prefix?: string;
  from?: number | null;
  count?: number | null;
}

/** 生成号段: a prefix (沪 + authority letter …) and a run of zero-padded numbers for one department's pool. */
export function PlateBatchModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<BatchForm>();
  const queryClient = useQueryClient();
  const departments = usePlateDepartments();
  const options = useMemo(() => departmentOptions(buildDepartmentTree(departments.data ?? [])), [departments.data]);

  const generate = useFormMutation(form, {
    mutationFn: (body: unknown) => api.post<{ added: number; skipped: number }>('/api/ebike/plates/batches', body),
    success: ({ added, skipped }) => `已生成 ${added} 个号码${skipped > 0 ? `，${skipped} 个已存在而跳过` : ''}`,
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ebikeKeys.plates });
      onClose();
    },
  });

  const submit = (v: BatchForm) => {
    const body = parseFormValues(form, PlateBatchBodySchema, { ...v, from: v.from ?? undefined, count: v.count ?? undefined });
    if (body) generate.mutate(body);
  };

  return (
    <FormModal title="生成号段" saving={generate.isPending} onSave={() => form.submit()} onCancel={onClose} saveTestId="plate-batch-save" saveText="生成">
      <Form form={form} layout="vertical" initialValues={{ plateKind: 'P', from: 0 }} onFinish={submit}>
        <Form.Item name="departmentId" label="部门" required>
          {/* Mounted with its data, so that every level starts expanded. */}
          <TreeSelect
            key={departments.data ? 'ready' : 'loading'}
            treeData={options}
            loading={departments.isPending}
            disabled={!departments.data}
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
          <InputNumber style={{ width: '100%' }} data-testid="plate-batch-from" />
        </Form.Item>
        <Form.Item name="count" label="数量" required extra="一次最多 100000 个；已存在的号码跳过">
          <InputNumber style={{ width: '100%' }} data-testid="plate-batch-count" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
