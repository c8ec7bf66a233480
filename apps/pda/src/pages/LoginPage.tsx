import { Button, Form, Input, NavBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import type { PdaApi, Session } from '../transport/api.ts';

export function LoginPage({ api, deviceCode, onLogin }: { api: PdaApi; deviceCode: string; onLogin: (s: Session) => void }) {
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    try {
      onLogin(await api.login(v.username, v.password));
    } catch (err) {
      Toast.show({ content: (err as Error).message, duration: 4000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <NavBar back={null}>交通执法终端登录</NavBar>
      <Form
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy}>
            登录
          </Button>
        }
      >
        <Form.Header>终端 {deviceCode}</Form.Header>
        <Form.Item name="username" label="账号" rules={[{ required: true, message: '请输入账号' }]}>
          <Input autoComplete="username" clearable />
        </Form.Item>
        <Form.Item name="password" label="口令" rules={[{ required: true, message: '请输入口令' }]}>
          <Input type="password" autoComplete="current-password" clearable />
        </Form.Item>
      </Form>
    </>
  );
}
