import type { ServiceAccount, ServiceAccountCredential } from '@shtp/core/platform';
import { Alert, Form, Input } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';

/**
 * Rotation: an HMAC-SM3 account gets a new secret (shown once by the caller); an SM2 account registers the
 * partner's new public key. The old one keeps working for the overlap parameter.
 */
export function ServiceAccountRotateModal({
  account,
  onClose,
  onRotated,
}: {
  account: ServiceAccount;
  onClose: () => void;
  onRotated: (credential: ServiceAccountCredential) => void;
}) {
  const [form] = Form.useForm<{ publicKey?: string }>();
  const sm2 = account.signAlg === 'SM2';
  // No toast: the caller shows the new credential once.
  const rotate = useFormMutation(form, {
    mutationFn: (body: { publicKey?: string }) =>
      api.post<ServiceAccountCredential>(`/api/security/service-accounts/${account.id}/rotate-secret`, sm2 ? body : undefined),
    onSuccess: onRotated,
  });
  return (
    <FormModal
      title={`轮换密钥：${account.name}`}
      saving={rotate.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="service-account-rotate-confirm"
      saveText={sm2 ? '登记新公钥' : '生成新密钥'}
    >
      <Alert
        type="info"
        showIcon
        className="auth-alert"
        title={`轮换后，旧${sm2 ? '公钥' : '密钥'}在系统参数“接入应用密钥轮换过渡期”内仍可验签（为 0 时立即失效），请通知对方在此期间切换。此操作记入审计日志。`}
      />
      <Form form={form} layout="vertical" onFinish={(values) => rotate.mutate(values)}>
        {sm2 && (
          <Form.Item name="publicKey" label="对方的新 SM2 公钥" required extra="PEM，或 04 开头的 130 位十六进制">
            <Input.TextArea rows={4} data-testid="service-account-new-public-key" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
