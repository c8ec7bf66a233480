import { Card, Descriptions, Tag, Typography } from 'antd';
import { useMe } from '../auth/session';
import { formatDate } from '../shared/format';

/** 工作台: who is signed in. */
export function HomePage() {
  const me = useMe();
  return (
    <Card title="工作台">
      <Typography.Title level={4}>欢迎您，{me.displayName}</Typography.Title>
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
        <Descriptions.Item label="所属部门">{me.department.name}</Descriptions.Item>
        <Descriptions.Item label="角色">
          {me.roles.length > 0 ? me.roles.map((role) => <Tag key={role.code}>{role.name}</Tag>) : '未分配角色'}
        </Descriptions.Item>
        <Descriptions.Item label="密码有效期至">{formatDate(me.passwordExpiresAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
