import { CUSTODY_STEPS } from '@shtp/core/enforcement';
import { Button, Form, Input, Popup, Selector } from 'antd-mobile';
import { usePda } from '../context.tsx';
import type { OutboxItem } from '../offline/outbox.ts';

/** The next step of a record the server accepted: a blood sample's custody step (P6) or a detention's release (P9). */
export type FollowUp = { kind: 'custody' | 'release'; record: OutboxItem };

export const followUpOf = (i: OutboxItem): FollowUp | null =>
  i.state !== 'sent' ? null : i.kind === 'blood-sample' ? { kind: 'custody', record: i } : i.kind === 'detention' ? { kind: 'release', record: i } : null;

export const FOLLOW_UP_LABELS = { custody: '流转', release: '放行' } as const;

/** Queued like every record: the step goes when there is a network, once (its Idempotency-Key is kept). */
export function FollowUpPopup({ followUp, onClose }: { followUp: FollowUp; onClose: () => void }) {
  const { submit } = usePda();
  const [form] = Form.useForm();
  const { record } = followUp;
  const custody = followUp.kind === 'custody';
  const save = async () => {
    const v = await form.validateFields();
    const at = new Date().toISOString();
    const id = crypto.randomUUID();
    const base = `/api/pda/enforcement/${custody ? 'blood-samples' : 'detentions'}/${record.id}`;
    await submit(
      custody
        ? {
            id,
            kind: 'custody',
            title: `${record.title} · ${CUSTODY_STEPS[v.step[0] as keyof typeof CUSTODY_STEPS]}`,
            url: `${base}/custody`,
            payload: { step: v.step[0], at, by: v.by, note: v.note || undefined, resultMgPer100mL: v.result ? Number(v.result) : undefined },
          }
        : { id, kind: 'release', title: `${record.title} · 放行`, url: `${base}/release`, payload: { releasedAt: at, note: v.note } },
    );
    onClose();
  };
  return (
    <Popup visible onMaskClick={onClose} bodyStyle={{ maxHeight: '90vh', overflowY: 'auto' }}>
      <Form
        form={form}
        layout="vertical"
        footer={
          <Button block color="primary" size="large" onClick={() => void save()}>
            {custody ? '登记流转环节' : '放行'}
          </Button>
        }
      >
        <Form.Header>{record.title}</Form.Header>
        {custody && (
          <>
            <Form.Item name="step" label="流转环节" rules={[{ required: true, message: '请选择流转环节' }]}>
              <Selector columns={2} options={Object.entries(CUSTODY_STEPS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="by" label="经手人" rules={[{ required: true, message: '请输入经手人' }]}>
              <Input clearable />
            </Form.Item>
            <Form.Item name="result" label="血液酒精含量（mg/100mL，出具结果时填）">
              <Input type="number" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={custody ? '备注' : '放行说明'} rules={custody ? [] : [{ required: true, message: '请输入放行说明' }]}>
          <Input clearable />
        </Form.Item>
      </Form>
    </Popup>
  );
}
