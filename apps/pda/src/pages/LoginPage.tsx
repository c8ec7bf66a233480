import { Button, Form, Input, NavBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import type { PdaApi, Session } from '../transport/api.ts';

/** Account and password, then — for roles that require it — the SM2 second factor signed with the officer's key file. */
export function LoginPage({ api, deviceCode, onLogin }: { api: PdaApi; deviceCode: string; onLogin: (s: Session) => void }) {
  const [busy, setBusy] = useState(false);
  const [needsSm2, setNeedsSm2] = useState(false);
  const [keyFile, setKeyFile] = useState<{ name: string; text: string } | null>(null);
  const attempt = async (step: () => Promise<Session | 'sm2'>) => {
    setBusy(true);
    try {
      const r = await step();
      if (r === 'sm2') setNeedsSm2(true);
      else onLogin(r);
    } catch (err) {
      Toast.show({ content: (err as Error).message, duration: 4000 });
    } finally {
      setBusy(false);
    }
  };
  if (needsSm2)
    return (
      <>
        <NavBar back="重新登录" onBack={() => setNeedsSm2(false)}>
          SM2 证书认证
        </NavBar>
        <div style={{ padding: 12, display: 'grid', gap: 12 }}>
          <div className="reasons no">本账号须用 SM2 证书登录：选择证书私钥文件（演示环境以密钥文件代替 UKey），签名在本机完成，私钥不会上传。</div>
          <label
            className="adm-button adm-button-default adm-button-block adm-button-large"
            style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
          >
            {keyFile ? `已选择：${keyFile.name}` : '选择证书私钥文件'}
            <input
              type="file"
              accept=".pem,.key"
              hidden
              data-testid="sm2-key-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void f.text().then((text) => setKeyFile({ name: f.name, text }));
              }}
            />
          </label>
          <Button
            block
            color="primary"
            size="large"
            disabled={!keyFile}
            loading={busy}
            onClick={() => void (keyFile && attempt(() => api.presentSm2(keyFile.text)))}
          >
            签名并登录
          </Button>
        </div>
      </>
    );
  return (
    <>
      <NavBar back={null}>交通执法终端登录</NavBar>
      <Form
        onFinish={(v: { username: string; password: string }) => void attempt(() => api.login(v.username, v.password))}
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
