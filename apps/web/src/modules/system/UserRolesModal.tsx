import { type User, UserRolesBodySchema } from '@shtp/core/system';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Empty, Form, Spin, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { queryKeys, useRoles } from '../../api/system-queries';
import { errorText } from '../../forms/server-errors';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { ADMIN_KIND_LABELS } from './admin-kind';

export function UserRolesModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<{ roleIds: number[] }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const roles = useRoles();
  // Shown inside the modal: a 三员 conflict must be read before choosing again.
  const [serverError, setServerError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: unknown) => api.put<User>(`/api/system/users/${user.id}/roles`, body),
    onSuccess: () => {
      message.success('角色已分配');
      queryClient.invalidateQueries({ queryKey: queryKeys.users });
      queryClient.invalidateQueries({ queryKey: queryKeys.roles });
      onClose();
    },
    onError: (error) => setServerError(errorText(error)),
  });

  const submit = (values: { roleIds: number[] }) => {
    setServerError(null);
    const body = parseFormValues(form, UserRolesBodySchema, { roleIds: values.roleIds ?? [] });
    if (body) save.mutate(body);
  };

  return (
    <FormModal
      title={`分配角色：${user.displayName}（${user.username}）`}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="user-roles-save"
    >
      {serverError && <Alert type="error" showIcon title={serverError} className="auth-alert" data-testid="user-roles-error" />}
      <Alert type="info" showIcon className="auth-alert" title="三员分立：系统管理员、安全管理员、审计管理员角色互斥，且不能与业务角色同时授予同一用户。" />
      <Spin spinning={roles.isPending}>
        <Form form={form} initialValues={{ roleIds: user.roles.map((role) => role.id) }} onFinish={submit}>
          {roles.data?.length === 0 && <Empty description="暂无角色" />}
          <Form.Item name="roleIds">
            <Checkbox.Group className="role-checkboxes">
              {roles.data?.map((role) => (
                <Checkbox key={role.id} value={role.id}>
                  {role.name}
                  {role.adminKind && (
                    <Tag color="volcano" className="role-tag">
                      三员·{ADMIN_KIND_LABELS[role.adminKind]}
                    </Tag>
                  )}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </Spin>
    </FormModal>
  );
}
