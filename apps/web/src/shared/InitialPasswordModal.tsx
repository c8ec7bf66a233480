import { Alert, Button, Modal, Typography } from 'antd';

const FOR_ADMIN = '初始密码仅显示这一次，关闭后无法再次查看。请立即复制并当面或通过安全渠道告知用户；用户首次登录时须修改密码。';

/** The server returns an initial password exactly once; it is never shown again. `notice` says what to do with it. */
export function InitialPasswordModal({
  username,
  password,
  onClose,
  notice = FOR_ADMIN,
}: {
  username: string;
  password: string;
  onClose: () => void;
  notice?: string;
}) {
  return (
    <Modal
      open
      title="初始密码"
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="initial-password-close">
          我已记录
        </Button>
      }
    >
      <Alert type="warning" showIcon title={notice} className="auth-alert" />
      <Typography.Paragraph>
        用户 <Typography.Text strong>{username}</Typography.Text> 的初始密码：
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code copyable={{ text: password, tooltips: ['复制', '已复制'] }} className="initial-password" data-testid="initial-password">
          {password}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
