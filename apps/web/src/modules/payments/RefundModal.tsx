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
        <Form.Item name="amountYuan" label={`退款金额（元，最多 ${formatYuan(leftFen)}）`} rules={[{ required: true, message: '请填写退款金额' }]}>
          <InputNumber min={0.01} max={leftFen / 100} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="退款原因" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '请填写退款原因（2–200 字）' }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
