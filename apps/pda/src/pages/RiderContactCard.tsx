import { ENFORCEMENT_P, RIDER_CONTACT_PURPOSES } from '@shtp/core/enforcement';
import { Button, Form, Input, List, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { usePda } from '../context.tsx';

interface Contacts {
  masked: boolean;
  contacts: { platform: string; riderName: string; phone: string }[];
}

/** P12: a delivery rider's contact from the platforms, for a stated purpose (audited; masked without the permission). */
export function RiderContactCard() {
  const { api, online, session } = usePda();
  const [form] = Form.useForm();
  const [found, setFound] = useState<Contacts | null>(null);
  if (!session.permissions.includes(ENFORCEMENT_P.riderContact)) return null;
  const ask = async () => {
    if (!online) return Toast.show({ content: '离线时不能查询' });
    const v = await form.validateFields();
    const r = await api.sealed('/api/pda/enforcement/rider-contacts', { idNumber: v.idNumber, purpose: v.purpose[0], reason: v.reason });
    if (r.status !== 200) return Toast.show({ content: (r as { body?: { message?: string } }).body?.message ?? '查询失败' });
    setFound((r as { body: Contacts }).body);
  };
  return (
    <Form
      form={form}
      layout="vertical"
      footer={
        <Button block size="large" onClick={() => void ask()}>
          查询骑手联系方式
        </Button>
      }
    >
      <Form.Header>骑手联系方式（外卖、快递平台）</Form.Header>
      <Form.Item name="idNumber" label="骑手身份证号码" rules={[{ required: true, message: '请输入身份证号码' }]}>
        <Input clearable maxLength={18} />
      </Form.Item>
      <Form.Item name="purpose" label="查询事由" rules={[{ required: true, message: '请选择查询事由' }]}>
        <Selector options={Object.entries(RIDER_CONTACT_PURPOSES).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="reason" label="查询原因" rules={[{ required: true, message: '请填写查询原因' }]}>
        <Input clearable maxLength={100} />
      </Form.Item>
      {found && (
        <List header={found.masked ? '联系方式（已脱敏）' : '联系方式'}>
          {found.contacts.length === 0 && <List.Item>平台无此骑手</List.Item>}
          {found.contacts.map((c) => (
            <List.Item key={c.platform} extra={c.phone}>
              {c.platform} · {c.riderName}
            </List.Item>
          ))}
        </List>
      )}
    </Form>
  );
}
