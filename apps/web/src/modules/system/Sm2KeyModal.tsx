import type { User } from '@shtp/core/system';
import { Alert, Form, Input } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';

/**
 * 登记 SM2 证书公钥 (second factor): the security admin pastes the user's public key as PEM or hex; the server
 * parses and checks it (on the curve) and answers per-field Chinese errors. A new key replaces the old one.
 */
export function Sm2KeyModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<{ publicKey: string }>();
  const save = useFormMutation(form, {
    mutationFn: (publicKey: string) => api.put(`/api/system/users/${user.id}/sm2-key`, { publicKey }),
    success: `已登记 ${user.displayName} 的 SM2 公钥`,
    onSuccess: () => {
      onClose();
    },
  });

  return (
    <FormModal
      title={`登记SM2公钥：${user.displayName}（${user.username}）`}
      saving={save.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="sm2-key-save"
      saveText="登记"
      width={640}
    >
      <Alert
        type="info"
        showIcon
        className="auth-alert"
        title="粘贴用户 UKey / 证书的 SM2 公钥：PEM（-----BEGIN PUBLIC KEY-----）或 04 开头的 130 位十六进制。新登记的公钥替换原有公钥，记入审计日志。"
      />
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values.publicKey)}>
        <Form.Item name="publicKey" label="SM2 公钥" rules={[{ required: true, whitespace: true, message: '请粘贴 SM2 公钥' }]}>
          <Input.TextArea rows={7} spellCheck={false} data-testid="sm2-key-input" placeholder="-----BEGIN PUBLIC KEY-----" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
