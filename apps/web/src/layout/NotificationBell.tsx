import { BellOutlined } from '@ant-design/icons';
import type { Notification, NotificationPage } from '@shtp/core/platform';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { NOTIFICATIONS_KEY, useNotificationActions } from '../pages/notifications/notification-actions';
import { formatDateTime } from '../shared/format';

/** The newest shown in the list; the badge counts every unread one. */
const SHOWN = 10;

/**
 * The header bell: the signed-in user's newest notifications (digests of modules' jobs), unread count, mark read, open
 * the page; 查看全部 opens the 消息通知 page with all of them.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const { readAll, open: openNotification } = useNotificationActions();
  const { data } = useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<NotificationPage>('/api/notifications', { pageSize: SHOWN }),
    refetchInterval: 60_000,
  });

  const openOne = (n: Notification) => {
    setOpen(false);
    openNotification(n);
  };
  const unread = data?.unread ?? 0;
  const list = (
    <>
      <div style={{ width: 360, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
        {data?.items.length ? (
          data.items.map((n) => (
            <button type="button" key={n.id} className="notification-item" onClick={() => openOne(n)}>
              <Badge dot={!n.readAt} offset={[6, 0]}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
              </Badge>
              <div>{n.body}</div>
              <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
            </button>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
        )}
      </div>
      <div className="notification-footer">
        <Link to="/notifications" onClick={() => setOpen(false)}>
          查看全部
        </Link>
      </div>
    </>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          通知
          <Button type="link" size="small" disabled={unread === 0} loading={readAll.isPending} onClick={() => readAll.mutate()}>
            全部已读
          </Button>
        </span>
      }
      content={list}
    >
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={unread ? `通知（${unread} 条未读）` : '通知'} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
