import type { Me } from '@shtp/core/platform';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe, useSession } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { clearFieldErrors, showFieldErrors } from '../../forms/zod-form';
import { CONSOLE_PASSWORD_POLICY, checkPasswordChange, type PasswordChangeForm } from './password-change-validation';

const POLICY_HINT = `至少 ${CONSOLE_PASSWORD_POLICY.minLength} 位，包含大写字母、小写字母、数字、特殊字符中的至少 ${CONSOLE_PASSWORD_POLICY.minClasses} 类，不能包含用户名`;

/** Old + new + confirmation; used by the forced change page and by the header's 修改密码. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const me = useMe();
  const { signedIn } = useSession();
  const [form] = Form.useForm<PasswordChangeForm>();
  const [submitting, setSubmitting] = useState(false);
  const reportError = useErrorReporter();

  const submit = async (values: PasswordChangeForm) => {
    clearFieldErrors(form);
    const check = checkPasswordChange(values, me.username);
    if (!check.ok) {
      showFieldErrors(form, check.errors);
      return;
    }
    setSubmitting(true);
    try {
      signedIn(await api.post<Me>('/api/auth/password', check.body));
      form.resetFields();
      onChanged();
    } catch (error) {
      reportError(error, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
      <Form.Item name="oldPassword" label="原密码">
        <Input.Password placeholder="请输入当前密码" autoComplete="current-password" data-testid="password-old" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码" extra={POLICY_HINT}>
        <Input.Password placeholder="请输入新密码" autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item name="confirmPassword" label="确认新密码">
        <Input.Password placeholder="请再次输入新密码" autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting} data-testid="password-submit">
        确认修改
      </Button>
    </Form>
  );
}
