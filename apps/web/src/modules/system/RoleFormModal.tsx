import { DATA_SCOPE_LABELS, DATA_SCOPES, type PermissionNode } from '@shtp/core/platform';
import { type Role, RoleBodySchema } from '@shtp/core/system';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select, Spin, Tree, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { queryKeys, usePermissionTree } from '../../api/system-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { checkedLeaves, withAncestors } from './permission-tree';

interface RoleForm {
  code?: string;
  name?: string;
  description?: string;
  dataScope?: Role['dataScope'];
}

function toTreeData(nodes: PermissionNode[]): TreeDataNode[] {
  return nodes.map((node) => ({ key: node.code, title: node.name, children: toTreeData(node.children) }));
}

/** Create, edit or (for built-in roles) view a role with its permission tree. */
export function RoleFormModal({ role, readOnly, onClose }: { role?: Role; readOnly: boolean; onClose: () => void }) {
  const [form] = Form.useForm<RoleForm>();
  const queryClient = useQueryClient();
  const permissionTree = usePermissionTree();
  const treeData = useMemo(() => toTreeData(permissionTree.data ?? []), [permissionTree.data]);
  const [checked, setChecked] = useState<string[] | null>(null);
  const shownChecked = checked ?? checkedLeaves(permissionTree.data ?? [], role?.permissions ?? []);

  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => (role ? api.put<Role>(`/api/system/roles/${role.id}`, body) : api.post<Role>('/api/system/roles', body)),
    success: '角色已保存',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: queryKeys.roles });
      onClose();
    },
  });

  const submit = (values: RoleForm) => {
    const permissions = withAncestors(permissionTree.data ?? [], shownChecked);
    const body = parseFormValues(form, RoleBodySchema, { ...values, permissions });
    if (body) save.mutate(body);
  };

  const title = readOnly ? `查看角色 ${role?.name ?? ''}` : role ? `编辑角色 ${role.name}` : '新增角色';
  return (
    <FormModal title={title} saving={save.isPending} onSave={() => form.submit()} onCancel={onClose} saveTestId="role-save" readOnly={readOnly} width={640}>
      <Form
        form={form}
        layout="vertical"
        disabled={readOnly}
        initialValues={role ? { code: role.code, name: role.name, description: role.description, dataScope: role.dataScope } : { dataScope: 'self' }}
        onFinish={submit}
      >
        <Form.Item name="code" label="角色代码" required extra="小写字母开头，2–32 位小写字母、数字或下划线">
          <Input maxLength={32} disabled={readOnly || role !== undefined} data-testid="role-code" />
        </Form.Item>
        <Form.Item name="name" label="角色名称" required>
          <Input maxLength={32} data-testid="role-name" />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
        <Form.Item name="dataScope" label="数据范围" required>
          <Select options={DATA_SCOPES.map((value) => ({ value, label: DATA_SCOPE_LABELS[value] }))} />
        </Form.Item>
        <Form.Item label="功能权限">
          {permissionTree.data ? (
            <Tree
              checkable
              selectable={false}
              defaultExpandAll
              disabled={readOnly}
              treeData={treeData}
              checkedKeys={shownChecked}
              onCheck={(keys) => setChecked((Array.isArray(keys) ? keys : keys.checked).map(String))}
            />
          ) : (
            <Spin />
          )}
        </Form.Item>
      </Form>
    </FormModal>
  );
}
