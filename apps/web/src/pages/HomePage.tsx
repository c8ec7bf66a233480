import { JOB_STATE_LABELS, type JobStats, P, type PreviousLogin } from '@shtp/core/platform';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useMe, usePermission } from '../auth/session';
import { registeredEntries, registeredHomeWidgets } from '../menu/registry';
import { formatDate, formatDateTime } from '../shared/format';

/** Shortcuts: the first pages of the menu the user may open. */
const SHORTCUTS = 8;

/** 工作台: who is signed in and when they last were, their modules' to-dos, and shortcuts to their pages. */
export function HomePage() {
  const me = useMe();
  const can = usePermission();
  const navigate = useNavigate();
  const previous = useQuery({ queryKey: ['auth', 'previous-login'], queryFn: () => api.get<PreviousLogin>('/api/auth/previous-login') });
  const shortcuts = registeredEntries()
    .filter((e) => !e.hideInMenu && can(e.permission))
    .slice(0, SHORTCUTS);
  const widgets = registeredHomeWidgets().filter((w) => w.permission === undefined || can(w.permission));
  return (
    <Space direction="vertical" size={16} className="home">
      <Card>
        <Typography.Title level={4}>欢迎您，{me.displayName}</Typography.Title>
        <PreviousLoginNote previous={previous.data} loading={previous.isPending} />
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="所属部门">{me.department.name}</Descriptions.Item>
          <Descriptions.Item label="角色">
            {me.roles.length > 0 ? me.roles.map((role) => <Tag key={role.code}>{role.name}</Tag>) : '未分配角色'}
          </Descriptions.Item>
          <Descriptions.Item label="密码有效期至">{formatDate(me.passwordExpiresAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {(widgets.length > 0 || can(P.jobList)) && (
        <Row gutter={[16, 16]}>
          {widgets.map((w) => (
            // A card that decides from its own request to show nothing leaves an empty column: styles.css hides it.
            <Col key={w.key} className="home-widget" xs={24} lg={12} xl={8}>
              {w.element}
            </Col>
          ))}
          {can(P.jobList) && (
            <Col xs={24} lg={12} xl={8}>
              <JobsWidget />
            </Col>
          )}
        </Row>
      )}
      {shortcuts.length > 0 && (
        <Card title="快捷入口" size="small">
          <Space wrap>
            {shortcuts.map((e) => (
              <Button key={e.path} icon={e.icon} onClick={() => navigate(e.path)}>
                {e.label}
              </Button>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}

/** 等保: the last login's time and address, and a warning when the account's password was tried wrongly since. */
function PreviousLoginNote({ previous, loading }: { previous: PreviousLogin | undefined; loading: boolean }) {
  if (loading) return null;
  if (!previous) return <Typography.Paragraph type="secondary">这是您的首次登录。</Typography.Paragraph>;
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="previous-login">
        上次登录：{formatDateTime(previous.at)}，来自 {previous.ip}
      </Typography.Paragraph>
      {previous.failuresSince > 0 && (
        <Alert
          type="warning"
          showIcon
          className="toolbar"
          title={`自上次登录以来，您的账户有 ${previous.failuresSince} 次密码错误的登录尝试；如非本人操作，请立即修改密码并报告安全管理员。`}
        />
      )}
    </>
  );
}

/** 任务队列 at a glance for whoever watches it: jobs that failed for good or wait for a retry. */
function JobsWidget() {
  const stats = useQuery({ queryKey: ['jobs', 'stats'], queryFn: () => api.get<JobStats>('/api/jobs/stats') });
  const count = (state: 'dead' | 'failed' | 'running') => (stats.data ?? []).filter((r) => r.state === state).reduce((n, r) => n + r.count, 0);
  return (
    <Card title="任务队列" size="small" extra={<Link to="/system/jobs">查看</Link>} loading={stats.isPending}>
      <Row gutter={12}>
        {(['dead', 'failed', 'running'] as const).map((state) => (
          <Col key={state} span={8}>
            <Statistic
              title={JOB_STATE_LABELS[state]}
              value={count(state)}
              valueStyle={state === 'dead' && count(state) > 0 ? { color: '#cf1322' } : undefined}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
