import type { PasswordChangeReason } from '@shtp/core/platform';
import { Alert, App, Button, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionStepCard } from './SessionStepCard';

const REASON_TEXT: Record<PasswordChangeReason, string> = {
  first_login: '首次登录须修改初始密码，修改后方可使用系统。',
  expired: '密码已过期，请设置新密码后继续使用。',
  reset: '密码已被管理员重置，请设置新密码后继续使用。',
};

/** Standalone page for a session that may do nothing but change its password. */
export function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reason = me.passwordChangeReason;

  const changed = () => {
    message.success('密码修改成功');
    navigate('/', { replace: true });
  };

  return (
    <SessionStepCard title="修改密码">
      <Alert
        className="auth-alert"
        type={reason ? 'warning' : 'info'}
        showIcon
        title={reason ? REASON_TEXT[reason] : `${me.displayName}，请设置新密码。`}
        data-testid="password-change-reason"
      />
      <Typography.Paragraph type="secondary">当前账号：{me.username}</Typography.Paragraph>
      <ChangePasswordForm onChanged={changed} />
      {!reason && (
        <Button type="link" block onClick={() => navigate('/')}>
          返回工作台
        </Button>
      )}
    </SessionStepCard>
  );
}
