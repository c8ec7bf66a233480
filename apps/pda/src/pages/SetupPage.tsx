import { Button, Form, Input, NavBar, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import type { PdaApi } from '../transport/api.ts';
import { generateDeviceKey } from '../transport/envelope.ts';

/** First start: the device code and a fresh SM2 key pair; the public key goes to 安全管理 › 终端管理 for registration. */
export function SetupPage({ api }: { api: PdaApi }) {
  const [pair] = useState(generateDeviceKey);
  const [code, setCode] = useState('');
  const save = async () => {
    if (!/^[A-Za-z0-9._-]{3,64}$/.test(code)) return Toast.show({ content: '终端编号为 3–64 位字母、数字、点、下划线或连字符' });
    await api.saveDevice({ id: 'device', deviceCode: code, ...pair });
  };
  return (
    <>
      <NavBar back={null}>终端设置</NavBar>
      <Form
        footer={
          <Button block color="primary" size="large" onClick={() => void save()}>
            保存并继续
          </Button>
        }
      >
        <Form.Header>请安全管理员在“安全管理 › 终端管理”中以下列编号和公钥登记本终端</Form.Header>
        <Form.Item label="终端编号">
          <Input placeholder="如 PDA-JA-0001" value={code} onChange={setCode} clearable />
        </Form.Item>
        <Form.Item label="终端公钥（SM2）">
          <TextArea value={pair.publicKey} readOnly autoSize />
        </Form.Item>
      </Form>
    </>
  );
}
