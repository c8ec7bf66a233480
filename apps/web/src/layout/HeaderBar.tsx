import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/session';
import { useLogout } from '../auth/use-logout';

export function HeaderBar() {
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
