import { codeTableOn, DETENTION_GROUNDS, detainableModes } from '@shtp/core/enforcement';
import { Form, Input, Selector } from 'antd-mobile';
import { PartyFields } from './PartyFields.tsx';
import { RecordForm } from './RecordForm.tsx';
import { useRecordForm } from './useRecordForm.tsx';

const modes = detainableModes(codeTableOn(new Date().toISOString().slice(0, 10)));

/** P9 先予扣留 of another conveyance; the voucher number comes back from the server. */
export function DetentionPage() {
  const { form, send, photoField } = useRecordForm('detention', '/api/pda/enforcement/detentions');
  const save = async () => {
    const v = await form.validateFields();
    const id = crypto.randomUUID();
    const payload = {
      id,
      ground: v.ground[0],
      trafficMode: v.trafficMode[0],
      description: v.description,
      plate: v.plate || undefined,
      party: v.party,
      storagePlace: v.storagePlace,
      detainedAt: new Date().toISOString(),
    };
    await send(`扣留 ${v.description}`, payload);
  };
  return (
    <RecordForm form={form} submit="开具扣留凭证" onSubmit={save}>
      <Form.Item name="ground" label="扣留依据" rules={[{ required: true, message: '请选择扣留依据' }]}>
        <Selector columns={1} options={Object.entries(DETENTION_GROUNDS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="trafficMode" label="通行工具类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Selector columns={3} options={modes.map((m) => ({ label: m.name, value: m.code }))} />
      </Form.Item>
      <Form.Item name="description" label="通行工具描述" rules={[{ required: true, message: '请描述通行工具' }]}>
        <Input clearable />
      </Form.Item>
      <Form.Item name="plate" label="号牌号码">
        <Input clearable />
      </Form.Item>
      <PartyFields prefix="party" />
      <Form.Item name="storagePlace" label="停放保管地点" rules={[{ required: true, message: '请输入保管地点' }]}>
        <Input clearable />
      </Form.Item>
      {photoField}
    </RecordForm>
  );
}
