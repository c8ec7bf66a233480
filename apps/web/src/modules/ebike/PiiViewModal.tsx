import { PII_VIEW_PURPOSES, type PiiViewBody, PiiViewBodySchema, type PiiViewPurpose } from '@shtp/core/ebike';
import { Alert, Checkbox, Form, Input, Select } from 'antd';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';
import { clearChangedErrors, parseWithLeftovers } from './parse-form';

interface Values {
  purpose?: PiiViewPurpose;
  reason?: string;
  fullIdNumber?: boolean;
}

const PURPOSE_OPTIONS = Object.entries(PII_VIEW_PURPOSES).map(([value, p]) => ({ value, label: p.label }));

interface PiiViewModalProps<T> {
  /** The purposes for which the server would show this user the whole ID number (none: the option is not offered). */
  fullIdPurposes: readonly PiiViewPurpose[];
  /** The record's audited clear-view call (a vehicle, a 网上预登记 …). */
  view: (body: PiiViewBody) => Promise<T>;
  onViewed: (clear: T) => void;
  onClose: () => void;
  /** What the audit log names as the record looked at. */
  subject?: string;
}

/**
 * 查看明文: asks why (purpose and reason, both kept in the audit log) before the owner is shown in clear. The whole ID
 * number is offered for the purposes the server allows this user (`actions.piiView.fullIdPurposes`; none without
 * its permission).
 */
export function PiiViewModal<T>({ fullIdPurposes, view: viewCall, onViewed, onClose, subject = '车辆' }: PiiViewModalProps<T>) {
  const [form] = Form.useForm<Values>();
  const purpose = Form.useWatch('purpose', form);
  const fullIdAllowed = purpose !== undefined && fullIdPurposes.includes(purpose);

  // No toast: the clear data shown on the page is the answer.
  const view = useFormMutation(form, {
    mutationFn: viewCall,
    onSuccess: (clear) => {
      onViewed(clear);
      onClose();
    },
  });

  const submit = (values: Values) => {
    const parsed = parseWithLeftovers(form, PiiViewBodySchema, { ...values, fullIdNumber: fullIdAllowed && values.fullIdNumber === true });
    if ('body' in parsed) view.mutate(parsed.body);
  };

  return (
    <FormModal title="查看个人信息明文" saving={view.isPending} onSave={() => form.submit()} onCancel={onClose} saveTestId="pii-view-save" saveText="显示明文">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`查看明文将记入审计日志（查看人、时间、${subject}、事由与原因）`}
        description="原因中请勿填写他人的个人信息。身份证明号码默认隐去出生日期。"
      />
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(changed) => clearChangedErrors(form, changed)}>
        <Form.Item name="purpose" label="查看事由" required>
          <Select options={PURPOSE_OPTIONS} placeholder="请选择" data-testid="pii-view-purpose" />
        </Form.Item>
        <Form.Item name="reason" label="查看原因" required>
          <Input.TextArea maxLength={200} rows={2} placeholder="如：核对来窗办理人的身份" data-testid="pii-view-reason" />
        </Form.Item>
        {fullIdPurposes.length > 0 && (
          <Form.Item
            name="fullIdNumber"
            valuePropName="checked"
            extra={fullIdAllowed ? undefined : `仅${fullIdPurposes.map((p) => `“${PII_VIEW_PURPOSES[p].label}”`).join('')}可显示完整号码`}
          >
            <Checkbox disabled={!fullIdAllowed} data-testid="pii-view-full-id">
              显示完整身份证明号码（含出生日期）
            </Checkbox>
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
