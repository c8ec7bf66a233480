import { Form, Input, Switch } from 'antd-mobile';
import { PartyFields } from './PartyFields.tsx';
import { RecordForm } from './RecordForm.tsx';
import { useRecordForm } from './useRecordForm.tsx';

/** P3 breath test; the verdict (饮酒 / 醉酒) comes back from the server with the thresholds in force. */
export function BreathTestPage() {
  const { form, send, photoField } = useRecordForm('breath-test', '/api/pda/enforcement/breath-tests');
  const save = async () => {
    const v = await form.validateFields();
    const id = crypto.randomUUID();
    const payload = {
      id,
      deviceCode: v.deviceCode,
      calibrationDate: v.calibrationDate,
      bracMgPerL: Number(v.bracMgPerL),
      subject: v.subject,
      plate: v.plate || undefined,
      place: v.place,
      testedAt: new Date().toISOString(),
      accepted: !!v.accepted,
    };
    await send(`呼气检测 ${v.bracMgPerL} mg/L`, payload);
  };
  return (
    <RecordForm form={form} submit="保存检测记录" onSubmit={save} initialValues={{ accepted: true }}>
      <Form.Item name="deviceCode" label="测试仪编号" rules={[{ required: true, message: '请输入测试仪编号' }]}>
        <Input clearable />
      </Form.Item>
      <Form.Item name="calibrationDate" label="检定日期" rules={[{ required: true, message: '请输入检定日期' }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="bracMgPerL" label="呼气酒精含量（mg/L）" rules={[{ required: true, message: '请输入检测值' }]}>
        <Input type="number" />
      </Form.Item>
      <PartyFields prefix="subject" />
      <Form.Item name="plate" label="号牌号码">
        <Input clearable />
      </Form.Item>
      <Form.Item name="place" label="检测地点" rules={[{ required: true, message: '请输入检测地点' }]}>
        <Input clearable />
      </Form.Item>
      <Form.Item name="accepted" label="当事人签字认可" valuePropName="checked">
        <Switch />
      </Form.Item>
      {photoField}
    </RecordForm>
  );
}
