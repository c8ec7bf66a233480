import { Form, Input, Selector } from 'antd-mobile';
import { useLiveQuery } from 'dexie-react-hooks';
import { usePda } from '../context.tsx';
import { RecordForm } from './RecordForm.tsx';
import { useRecordForm } from './useRecordForm.tsx';

/** P6: a blood sample drawn at the hospital, linked to the breath test it follows; its custody steps follow from 待发. */
export function BloodSampleForm() {
  const { db } = usePda();
  const { form, send } = useRecordForm('blood-sample', '/api/pda/enforcement/blood-samples');
  const tests = useLiveQuery(
    () =>
      db.outbox
        .where('createdAt')
        .above(Date.now() - 86_400_000)
        .filter((i) => i.kind === 'breath-test')
        .toArray(),
    [],
    [],
  );
  const save = async () => {
    const v = await form.validateFields();
    const id = crypto.randomUUID();
    const payload = {
      id,
      breathTestId: v.breathTestId?.[0],
      sampleNo: v.sampleNo,
      institution: v.institution,
      drawer: v.drawer,
      drawnAt: new Date().toISOString(),
    };
    await send(`血样 ${v.sampleNo}`, payload);
  };
  return (
    <RecordForm form={form} submit="登记血样" onSubmit={save}>
      <Form.Item name="breathTestId" label="对应的呼气检测（本机 24 小时内）">
        <Selector columns={1} options={tests.map((t) => ({ label: t.title, value: t.id }))} />
      </Form.Item>
      <Form.Item name="sampleNo" label="样本编号" rules={[{ required: true, message: '请输入样本编号' }]}>
        <Input clearable />
      </Form.Item>
      <Form.Item name="institution" label="抽血医疗机构" rules={[{ required: true, message: '请输入抽血医疗机构' }]}>
        <Input clearable />
      </Form.Item>
      <Form.Item name="drawer" label="抽血人" rules={[{ required: true, message: '请输入抽血人' }]}>
        <Input clearable />
      </Form.Item>
    </RecordForm>
  );
}
