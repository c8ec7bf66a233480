import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginBodySchema, type Me } from '@shtp/core';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { parseFormValues } from '../../forms/zod-form';
import { loginErrorText } from './login-error';

interface LoginForm {
  username: string;
  password: string;
}

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') return state.from;
  return '/';
}

export function LoginPage() {
  const { me, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (me) return <Navigate to={me.passwordChangeReason ? '/change-password' : '/'} replace />;

  const submit = async (values: LoginForm) => {
    const body = parseFormValues(form, LoginBodySchema, values);
    if (!body) return;
    setError(null);
    setSubmitting(true);
    try {
      const signedInUser = await api.post<Me>('/api/auth/login', body);
      signedIn(signedInUser);
      navigate(signedInUser.passwordChangeReason ? '/change-password' : redirectTarget(location.state), { replace: true });
    } catch (caught) {
      setError(loginErrorText(caught));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="auth-page">
      <Card className="auth-card">
        <Typography.Title level={3} className="auth-title">
          上海交警综合应用系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="auth-subtitle">
          请使用本人账号登录
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} className="auth-alert" data-testid="login-error" />}
        <Form form={form} onFinish={submit} size="large" autoComplete="off">
          <Form.Item name="username">
            <Input prefix={<UserOutlined />} placeholder="用户名" aria-label="用户名" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password">
            <Input.Password prefix={<LockOutlined />} placeholder="密码" aria-label="密码" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
