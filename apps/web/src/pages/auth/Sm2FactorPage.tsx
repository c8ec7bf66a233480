import type { Me } from '@shtp/core/platform';
import { Alert, Button, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useMe, useSession } from '../../auth/session';
import { signLoginChallenge } from '../../auth/sm2-sign';
import { SessionStepCard } from './SessionStepCard';

/**
 * Second step of an SM2 certificate login: the server's one-time challenge is signed here, in the browser, with
 * the user's SM2 private key (a key file in the demo, standing for the UKey); the key never leaves the page.
 */
export function Sm2FactorPage() {
  const me = useMe();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [keyFile, setKeyFile] = useState<{ name: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me.pendingFactor) return <Navigate to="/" replace />;

  const submit = async () => {
    if (!keyFile) return;
    setBusy(true);
    setError(null);
    try {
      const challenge = await api.get<{ message: string }>('/api/auth/factor');
      const signature = signLoginChallenge(keyFile.text, challenge.message);
      signedIn(await api.post<Me>('/api/auth/factor', { response: { signature } }));
      navigate('/', { replace: true });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : '证书认证失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <SessionStepCard title="SM2 证书认证">
      <Alert
        className="auth-alert"
        type="info"
        showIcon
        title="您的角色须使用 SM2 证书登录：请选择您的证书私钥文件（演示环境以密钥文件代替 UKey），签名在本机完成，私钥不会上传。"
      />
      {error && <Alert className="auth-alert" type="error" showIcon title={error} data-testid="sm2-error" />}
      <Typography.Paragraph type="secondary">当前账号：{me.username}</Typography.Paragraph>
      <Upload
        accept=".pem,.key"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          file.text().then((text) => setKeyFile({ name: file.name, text }));
          return false;
        }}
      >
        <Button data-testid="sm2-key-file">{keyFile ? `已选择：${keyFile.name}` : '选择证书私钥文件'}</Button>
      </Upload>
      <Button type="primary" block style={{ marginTop: 16 }} disabled={!keyFile} loading={busy} onClick={submit} data-testid="sm2-submit">
        签名并登录
      </Button>
    </SessionStepCard>
  );
}
