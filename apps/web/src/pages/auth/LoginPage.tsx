import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { type Captcha, LoginBodySchema, type Me } from '@shtp/core/platform';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiRequestError, api } from '../../api/client';
import { useSession } from '../../auth/session';
import { parseFormValues } from '../../forms/zod-form';
import { loginErrorText, needsCaptcha } from './login-error';

interface LoginForm {
  username: string;
  password: string;
  captchaAnswer?: string;
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
  /** Shown after repeated failures from this address (the server says so); each one answers a single attempt. */
  const [captcha, setCaptcha] = useState<Captcha | null>(null);

  if (me) return <Navigate to={me.passwordChangeReason ? '/change-password' : '/'} replace />;

  const refreshCaptcha = async () => {
    form.setFieldValue('captchaAnswer', '');
    try {
      setCaptcha(await api.post<Captcha>('/api/auth/captcha'));
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : '验证码加载失败，请稍后重试');
    }
  };

  const submit = async (values: LoginForm) => {
    const body = parseFormValues(form, LoginBodySchema, { ...values, captchaId: captcha?.id });
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
      if (captcha || needsCaptcha(caught)) await refreshCaptcha();
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
          {captcha && (
            <Form.Item name="captchaAnswer">
              <Input
                prefix={<SafetyOutlined />}
                placeholder="验证码"
                aria-label="验证码"
                maxLength={8}
                data-testid="login-captcha"
                suffix={
                  <button type="button" className="auth-captcha" onClick={refreshCaptcha} title="看不清？换一张" data-testid="login-captcha-refresh">
                    <img src={captcha.image} alt="验证码图片" width={120} height={40} />
                  </button>
                }
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
