import { BellOutlined } from '@ant-design/icons';
import type { Notification, NotificationPage } from '@shtp/core/platform';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { formatDateTime } from '../shared/format';

const KEY = ['notifications'] as const;
/** The newest shown in the list; the badge counts every unread one. */
const SHOWN = 10;

/** The header bell: the signed-in user's notifications (digests of modules' jobs), unread count, mark read, open the page. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<NotificationPage>('/api/notifications', { pageSize: SHOWN }),
    refetchInterval: 60_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const read = useMutation({ mutationFn: (id: number) => api.post<Notification>(`/api/notifications/${id}/read`), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => api.post('/api/notifications/read-all'), onSuccess: refresh });

  const openOne = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    setOpen(false);
    if (n.link) navigate(n.link);
  };
  const unread = data?.unread ?? 0;
  const list = (
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
