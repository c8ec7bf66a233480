import type { ServiceAccountCredential } from '@shtp/core/platform';
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';

/** The HMAC-SM3 secret of a new or rotated service account: shown this once, never again. */
export function ServiceAccountSecretModal({ credential, onClose }: { credential: ServiceAccountCredential; onClose: () => void }) {
  const { account, secret } = credential;
  return (
    <Modal
      open
      title="接入应用密钥"
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
      footer={
        <Button type="primary" onClick={onClose} data-testid="service-secret-close">
          我已妥善保存
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        className="auth-alert"
        title="密钥仅显示这一次，关闭后任何人（包括管理员）都无法再次查看。请立即复制，通过安全渠道交给对方系统的负责人；遗失只能轮换密钥。"
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="应用名称">{account.name}</Descriptions.Item>
        <Descriptions.Item label="应用标识（X-App-Id）">
          <Typography.Text code copyable>
            {account.appId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="签名方式">{account.signAlg}</Descriptions.Item>
        <Descriptions.Item label="HMAC-SM3 密钥（十六进制）">
          <Typography.Text code copyable={{ text: secret ?? '', tooltips: ['复制', '已复制'] }} data-testid="service-secret">
            {secret}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">调用方法见 docs/api/service-accounts.md（请求头、待签字符串、计算示例、错误码）。</Typography.Paragraph>
    </Modal>
  );
}
