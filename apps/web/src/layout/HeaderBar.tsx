import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Switch, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/session';
import { useLogout } from '../auth/use-logout';
import { NotificationBell } from './NotificationBell';

/** Who is signed in, the 多页签 switch (tabs of open pages), notifications, password change and logout. */
export function HeaderBar({ tabsOn, onTabsChange }: { tabsOn: boolean; onTabsChange: (on: boolean) => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogout();

  return (
    <Layout.Header className="app-header">
      <Space size="middle">
        <Space size={4}>
          <UserOutlined />
          <Typography.Text strong data-testid="current-user">
            {me.displayName}
          </Typography.Text>
          <Typography.Text type="secondary">{me.department.name}</Typography.Text>
        </Space>
        <span>
          {me.roles.map((role) => (
            <Tag key={role.code} color="blue">
              {role.name}
            </Tag>
          ))}
        </span>
        <Space size={4} title="打开的页面以页签显示，切换时保留各页的查询条件和填写内容">
          <Switch size="small" checked={tabsOn} onChange={onTabsChange} aria-label="多页签" />
          <Typography.Text>多页签</Typography.Text>
        </Space>
        <NotificationBell />
        <Button type="text" icon={<KeyOutlined />} onClick={() => navigate('/change-password')}>
          修改密码
        </Button>
        <Button type="text" icon={<LogoutOutlined />} onClick={logout} data-testid="logout">
          退出
        </Button>
      </Space>
    </Layout.Header>
  );
}
