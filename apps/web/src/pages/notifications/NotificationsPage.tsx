import type { Notification, NotificationPage } from '@shtp/core/platform';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Segmented, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { NOTIFICATIONS_KEY, useNotificationActions } from './notification-actions';

type Shown = 'unread' | 'all';
const SHOWN_OPTIONS: { value: Shown; label: string }[] = [
  { value: 'unread', label: '未读' },
  { value: 'all', label: '全部' },
];

/**
 * 消息通知: all of the signed-in user's notifications (the header bell shows the newest few), paged, all or only the
 * unread; open one (marks it read and goes to its page), mark one or all read. Every user has it, for their own only.
 */
export function NotificationsPage() {
  const [shown, setShown] = useState<Shown>('all');
  const { page, pageSize, reset, tablePagination } = usePagination();
  const { read, readAll, open } = useNotificationActions();
  const query = { page, pageSize, ...(shown === 'unread' ? { unread: 'true' } : {}) };
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'page', query],
    queryFn: () => api.get<NotificationPage>('/api/notifications', query),
    placeholderData: keepPreviousData,
  });
  const unread = list.data?.unread ?? 0;

  const columns: TableColumnsType<Notification> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, n) => (
        <Badge dot={!n.readAt} offset={[6, 0]}>
          <Typography.Text strong={!n.readAt}>{title}</Typography.Text>
        </Badge>
      ),
    },
    { title: '内容', dataIndex: 'body' },
    { title: '时间', dataIndex: 'createdAt', render: formatDateTime },
    { title: '状态', dataIndex: 'readAt', render: (readAt: string | null) => (readAt ? `已读 ${formatDateTime(readAt)}` : '未读') },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, n) => (
        <Space size={0}>
          {n.link && (
            <Button type="link" size="small" onClick={() => open(n)} data-testid={`notification-open-${n.id}`}>
              查看
            </Button>
          )}
          {!n.readAt && (
            <Button type="link" size="small" onClick={() => read.mutate(n.id)} data-testid={`notification-read-${n.id}`}>
              标为已读
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="消息通知"
      extra={
        <Button disabled={unread === 0} loading={readAll.isPending} onClick={() => readAll.mutate()}>
          全部已读
        </Button>
      }
    >
      <Space className="toolbar" wrap>
        <Segmented<Shown>
          options={SHOWN_OPTIONS}
          value={shown}
          onChange={(value) => {
            setShown(value);
            reset();
          }}
        />
        <Typography.Text type="secondary">{unread > 0 ? `${unread} 条未读` : '没有未读通知'}</Typography.Text>
      </Space>
      <PagedTable columns={columns} result={list} pagination={tablePagination} locale={{ emptyText: shown === 'unread' ? '没有未读通知' : '暂无通知' }} />
    </Card>
  );
}
