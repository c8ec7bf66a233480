import type { SecurityLabel } from '@shtp/core/platform';
import { type User, UserClearanceBodySchema } from '@shtp/core/system';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Select } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { parseFormValues } from '../../forms/zod-form';
import { FormModal } from '../../shared/FormModal';
import { SECURITY_LABEL_OPTIONS } from '../../shared/SecurityLabelTag';

/** 安全标记 of a user (AC-6), set by the 安全管理员: records labelled above it are out of the user's reach. */
export function UserClearanceModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<{ clearance: SecurityLabel }>();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, {
    mutationFn: (body: unknown) => api.put<User>(`/api/system/users/${user.id}/clearance`, body),
    success: '安全标记已设置',
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onClose();
    },
  });
  const submit = (values: { clearance: SecurityLabel }) => {
    const body = parseFormValues(form, UserClearanceBodySchema, { clearance: values.clearance, version: user.version });
    if (body) save.mutate(body);
  };
  return (
    <FormModal
      title={`安全标记：${user.displayName}（${user.username}）`}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="user-clearance-save"
    >
      <Alert type="info" showIcon className="auth-alert" title="用户只能查看、办理安全标记不高于本人安全标记的记录（在角色权限与数据范围之外另行检查）。" />
      <Form form={form} layout="vertical" initialValues={{ clearance: user.clearance as SecurityLabel }} onFinish={submit}>
        <Form.Item name="clearance" label="安全标记" required>
          <Select options={SECURITY_LABEL_OPTIONS} data-testid="user-clearance-select" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
