import { DEPARTMENT_LEVELS, type Department, DepartmentBodySchema, type DepartmentNode } from '@shtp/core/system';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { departmentOptions } from '../../shared/department-tree';
import { FormModal } from '../../shared/FormModal';
import { EnabledItem, SortItem } from '../../shared/sort-enabled-items';

export type DepartmentEditing = { mode: 'create'; parent: Department | null } | { mode: 'edit'; department: Department };

interface DepartmentForm {
  parentId?: number | null;
  code?: string;
  name?: string;
  level?: Department['level'];
  sort?: number | null;
  enabled?: boolean;
}

function childLevel(parent: Department | null): Department['level'] {
  if (!parent) return DEPARTMENT_LEVELS[0];
  const index = DEPARTMENT_LEVELS.indexOf(parent.level);
  return DEPARTMENT_LEVELS[Math.min(index + 1, DEPARTMENT_LEVELS.length - 1)] ?? parent.level;
}

function initialValues(editing: DepartmentEditing): DepartmentForm {
  if (editing.mode === 'edit') return { ...editing.department };
  return { parentId: editing.parent?.id ?? null, level: childLevel(editing.parent), sort: 0, enabled: true };
}

export function DepartmentFormModal({ editing, tree, onClose }: { editing: DepartmentEditing; tree: DepartmentNode[]; onClose: () => void }) {
  const [form] = Form.useForm<DepartmentForm>();
  const queryClient = useQueryClient();
  const editedId = editing.mode === 'edit' ? editing.department.id : undefined;

  const save = useFormMutation(form, {
    mutationFn: (body: unknown) =>
      editedId === undefined ? api.post<Department>('/api/system/departments', body) : api.put<Department>(`/api/system/departments/${editedId}`, body),
    success: '部门已保存',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: queryKeys.departments });
      onClose();
    },
  });

  const submit = (values: DepartmentForm) => {
    const body = parseFormValues(form, DepartmentBodySchema, { ...values, parentId: values.parentId ?? null, sort: values.sort ?? 0 });
    if (body) save.mutate(body);
  };

  return (
    <FormModal
      title={editing.mode === 'edit' ? '编辑部门' : '新增部门'}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="dept-save"
    >
      <Form form={form} layout="vertical" initialValues={initialValues(editing)} onFinish={submit}>
        <Form.Item name="parentId" label="上级部门" extra="不选择则为顶级部门">
          <TreeSelect treeData={departmentOptions(tree, editedId)} allowClear treeDefaultExpandAll placeholder="顶级部门" />
        </Form.Item>
        <Form.Item name="code" label="部门代码" required extra="6–12 位数字">
          <Input placeholder="如 310100" maxLength={12} data-testid="dept-code" />
        </Form.Item>
        <Form.Item name="name" label="部门名称" required>
          <Input placeholder="如 浦东支队" maxLength={64} data-testid="dept-name" />
        </Form.Item>
        <Form.Item name="level" label="层级" required>
          <Select options={DEPARTMENT_LEVELS.map((level) => ({ value: level, label: level }))} data-testid="dept-level" />
        </Form.Item>
        <SortItem />
        <EnabledItem />
      </Form>
    </FormModal>
  );
}
