import type { PaymentOrderListItem } from '@shtp/core/payments';
import { Form, Input, InputNumber } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';
import { formatYuan } from '../../shared/format';
import { useSubmissionKey } from '../ebike/submission-key';

interface Values {
  amountYuan: number | null;
  reason: string;
}

/** Up to what is left of the order, in whole fen. */
function checkAmount(yuan: number | null, leftFen: number): Promise<void> {
  if (yuan == null) return Promise.resolve();
  const fen = yuan * 100;
  if (Math.abs(fen - Math.round(fen)) > 1e-6) return Promise.reject(new Error('退款金额最多两位小数'));
  if (fen < 1 || Math.round(fen) > leftFen) return Promise.reject(new Error(`退款金额须在 0.01–${formatYuan(leftFen)} 元之间`));
  return Promise.resolve();
}

/** 退款: part or all of what is left of a paid order, through the channel; one Idempotency-Key per submission. */
export function RefundModal({ order, onDone, onClose }: { order: PaymentOrderListItem; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const key = useSubmissionKey();
  const leftFen = order.amountFen - order.refundedFen;
  const refund = useFormMutation(form, {
    mutationFn: (body: { amountFen: number; reason: string }) =>
      api.post(`/api/payments/orders/${order.merchantOrderNo}/refund`, body, { 'Idempotency-Key': key.current() }),
    success: '已退款',
    onSuccess: () => {
      key.renew();
      onDone();
      onClose();
    },
  });
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values?.amountYuan) refund.mutate({ amountFen: Math.round(values.amountYuan * 100), reason: values.reason.trim() });
  };
  return (
    <FormModal title={`退款：${order.decisionNo}`} saving={refund.isPending} onSave={submit} onCancel={onClose} saveTestId="refund-save" saveText="退款">
      <Form form={form} layout="vertical" initialValues={{ amountYuan: leftFen / 100, reason: '' }}>
        <Form.Item
          name="amountYuan"
          label={`退款金额（元，最多 ${formatYuan(leftFen)}）`}
          rules={[{ required: true, message: '请填写退款金额' }, { validator: (_, value: number | null) => checkAmount(value, leftFen) }]}
        >
          {/* No min/max/precision: an amount over what is left is refused with a message, not lowered on blur. */}
          <InputNumber style={{ width: '100%' }} data-testid="refund-amount" />
        </Form.Item>
        <Form.Item name="reason" label="退款原因" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '请填写退款原因（2–200 字）' }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
