import { Button, Card } from 'antd';
import type { ReactNode } from 'react';
import { useLogout } from '../../auth/use-logout';

/** The page of a signed-in session's one remaining step (a password change, the SM2 factor): a card with 退出. */
export function SessionStepCard({ title, children }: { title: string; children: ReactNode }) {
  const logout = useLogout();
  return (
    <div className="auth-page">
      <Card
        className="auth-card"
        title={title}
        extra={
          <Button type="link" onClick={logout}>
            退出
          </Button>
        }
      >
        {children}
      </Card>
    </div>
  );
}
