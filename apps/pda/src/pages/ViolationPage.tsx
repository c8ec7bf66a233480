import { codeTableOn, type FirstViolationDecision, trafficModeFits } from '@shtp/core/enforcement';
import { Button, Form, Input, Selector, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { usePda } from '../context.tsx';
import { PartyFields } from './PartyFields.tsx';
import { PhotoButton } from './PhotoButton.tsx';
import { RecordForm } from './RecordForm.tsx';
import { usePhotoField, usePhotoReading } from './usePhotoField.ts';
import { useRecordForm } from './useRecordForm.tsx';

const table = codeTableOn(new Date().toISOString().slice(0, 10));
/** P8: the modes that fit the chosen violation code (all of them before one is chosen). */
const modesFor = (code: string | undefined) => {
  const entry = table.violations.find((v) => v.code === code);
  return entry ? table.trafficModes.filter((m) => trafficModeFits(m, entry)) : table.trafficModes;
};

/** 简易程序处罚决定书 / 警告 with the 首违免罚 check and its reasons (P7), P8 modes, P2 education; queued offline. */
export function ViolationPage() {
  const { api, online } = usePda();
  const { form, send, photoField } = useRecordForm('violation', '/api/pda/enforcement/violations');
  const [decision, setDecision] = useState<FirstViolationDecision | null>(null);
  const photo = usePhotoField(
    'plate',
    '号牌',
    (f) => api.recognisePlate(f),
    (plate) => form.setFieldValue('plate', plate),
  );
  const idPhoto = usePhotoField(
    'idNumber',
    '身份证号码',
    (f) => api.recogniseIdNumber(f),
    (id) => form.setFieldValue(['party', 'idNumber'], id),
  );
  const cardPhoto = usePhotoReading(
    '身份证内容',
    (f) => api.recogniseIdCard(f),
    (party) => form.setFieldValue('party', { ...form.getFieldValue('party'), ...party }),
  );

  const values = () => {
    const v = form.getFieldsValue();
    const party = v.party && { ...v.party, address: v.party.address || undefined };
    return { code: v.code?.[0], trafficMode: v.trafficMode?.[0], party, plate: v.plate || undefined, corrected: !!v.corrected, harm: !!v.harm };
  };
  const check = async () => {
    if (!online) return Toast.show({ content: '离线时无法核查首违记录，联网后可核查' });
    const r = await api.sealed('/api/pda/enforcement/first-violation-check', {
      code: values().code,
      party: values().party,
      plate: values().plate,
      corrected: values().corrected,
      harm: values().harm,
    });
    if (r.status !== 200) return Toast.show({ content: (r as { body?: { message?: string } }).body?.message ?? '核查失败' });
    const d = (r as { body: FirstViolationDecision }).body;
    setDecision(d);
    if (d.eligible) form.setFieldValue('kind', ['warning']);
  };
  const save = async () => {
    await form.validateFields();
    const v = form.getFieldsValue();
    const base = values();
    const id = crypto.randomUUID();
    const party = base.party ?? {};
    const ocr = [...photo.correction(base.plate), ...idPhoto.correction(party.idNumber), ...cardPhoto.corrections(party)];
    const payload = {
      id,
      kind: v.kind[0],
      ...base,
      place: v.place,
      occurredAt: new Date().toISOString(),
      fine: v.kind[0] === 'decision' ? Number(v.fine) : undefined,
      education: !!v.education,
      ocr,
    };
    await send(`${v.kind[0] === 'warning' ? '警告' : '处罚决定书'} ${base.code} ${base.plate ?? ''}`, payload);
    for (const reading of [photo, idPhoto, cardPhoto]) reading.reset();
    setDecision(null);
  };
  return (
    <RecordForm form={form} submit="开具" onSubmit={save} initialValues={{ kind: ['decision'], corrected: true, harm: false }}>
      <Form.Item name="code" label="违法行为" rules={[{ required: true, message: '请选择违法代码' }]}>
        <Selector
          columns={1}
          options={table.violations.map((c) => ({ label: `${c.code} ${c.name}`, value: c.code }))}
          onChange={(codes) => {
            const mode = form.getFieldValue('trafficMode')?.[0];
            if (mode && !modesFor(codes[0]).some((m) => m.code === mode)) form.setFieldValue('trafficMode', []);
          }}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['code']}>
        {() => (
          <Form.Item name="trafficMode" label="交通方式" rules={[{ required: true, message: '请选择交通方式' }]}>
            <Selector columns={3} options={modesFor(form.getFieldValue('code')?.[0]).map((m) => ({ label: m.name, value: m.code }))} />
          </Form.Item>
        )}
      </Form.Item>
      <PartyFields prefix="party" address photos={{ onIdCard: (f) => void cardPhoto.onFile(f), onIdNumber: (f) => void idPhoto.onFile(f) }} />
      <Form.Item label="号牌">
        <PhotoButton label="拍号牌识别" onFile={(f) => void photo.onFile(f)} />
      </Form.Item>
      <Form.Item name="plate" label="号牌号码">
        <Input clearable />
      </Form.Item>
      <Form.Item name="place" label="违法地点" rules={[{ required: true, message: '请输入违法地点' }]}>
        <Input clearable />
      </Form.Item>
      <Form.Item name="corrected" label="已当场纠正" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="harm" label="造成危害后果" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Button block size="large" onClick={() => void check()}>
        首违免罚核查
      </Button>
      {decision && (
        <div className={`reasons ${decision.eligible ? 'ok' : 'no'}`} data-testid="first-violation">
          {decision.reasons.map((r) => (
            <div key={r}>{r}</div>
          ))}
        </div>
      )}
      <Form.Item name="kind" label="处罚种类">
        <Selector
          options={[
            { label: '罚款（决定书）', value: 'decision' },
            { label: '警告', value: 'warning' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {() =>
          form.getFieldValue('kind')?.[0] === 'decision' && (
            <Form.Item name="fine" label="罚款金额（元）" rules={[{ required: true, message: '请输入罚款金额' }]}>
              <Input type="number" />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="education" label="现场教育（部局接口）" valuePropName="checked">
        <Switch />
      </Form.Item>
      {photoField}
    </RecordForm>
  );
}
