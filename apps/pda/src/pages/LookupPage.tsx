import { Button, Card, Input, List, Space, Toast } from 'antd-mobile';
import { useState } from 'react';
import { usePda } from '../context.tsx';
import { PhotoButton } from './PhotoButton.tsx';
import { RiderContactCard } from './RiderContactCard.tsx';
import { usePhotoField } from './usePhotoField.ts';

interface Vehicle {
  id: number;
  plate: string | null;
  zcbm: string;
  brand: string;
  model: string;
  colours: string;
  status: string;
  owner: string;
  phone: string;
}

/** E10: e-bike lookup by plate, 整车编码 or photo, over the sealed channel; needs the network. */
export function LookupPage() {
  const { api, online } = usePda();
  const [key, setKey] = useState('');
  const [found, setFound] = useState<Vehicle[] | null>(null);
  const photo = usePhotoField('plate', '号牌', (f) => api.recognisePlate(f), setKey);
  const search = async () => {
    if (!online) return Toast.show({ content: '离线时不能查询' });
    const q = key.trim().toUpperCase();
    const byPlate = /^沪/.test(q);
    const url = photo.recognized?.value === q ? '/api/pda/ebike/ocr' : '/api/pda/ebike/lookup';
    const payload = url.endsWith('ocr') ? { plateText: q } : byPlate ? { plate: q } : { zcbm: q };
    const r = await api.sealed(url, payload);
    if (r.status !== 200) return Toast.show({ content: (r as { body?: { message?: string } }).body?.message ?? '查询失败' });
    setFound((r as { body: Vehicle[] }).body);
  };
  return (
    <Space direction="vertical" block style={{ padding: 12 }}>
      <PhotoButton label="拍号牌" onFile={(f) => void photo.onFile(f)} />
      <Input placeholder="号牌号码或整车编码" value={key} onChange={setKey} clearable style={{ background: '#fff', padding: 12 }} />
      <Button block color="primary" size="large" onClick={() => void search()}>
        查询
      </Button>
      {found && found.length === 0 && <Card>未查到车辆</Card>}
      {found?.map((v) => (
        <List key={v.id} header={v.plate ?? '未上牌'} data-testid="lookup-result">
          <List.Item extra={v.status}>状态</List.Item>
          <List.Item extra={`${v.brand} ${v.model}`}>品牌型号</List.Item>
          <List.Item extra={v.colours}>颜色</List.Item>
          <List.Item extra={v.zcbm}>整车编码</List.Item>
          <List.Item extra={`${v.owner} ${v.phone}`}>所有人</List.Item>
        </List>
      ))}
      <RiderContactCard />
    </Space>
  );
}
