import type { Violation } from '@shtp/core/enforcement';
import { Button, List, Space, Tag } from 'antd-mobile';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { usePda } from '../context.tsx';
import type { OutboxItem } from '../offline/outbox.ts';
import { TicketView } from '../ticket/TicketView.tsx';
import { FOLLOW_UP_LABELS, type FollowUp, FollowUpPopup, followUpOf } from './FollowUpPopup.tsx';

const STATE = {
  pending: { label: '待发送', color: 'warning' },
  sent: { label: '已发送', color: 'success' },
  refused: { label: '被拒绝', color: 'danger' },
} as const;

const photoProgress = (i: OutboxItem) =>
  i.photo ? `照片 ${Math.round(i.photo.blob.size / 1024)} kB，已传 ${Math.round((i.photo.sentBytes / i.photo.blob.size) * 100)}%` : undefined;

/** A ticket the server accepted: it has the server's decision number and can be printed. */
const acceptedTicket = (i: OutboxItem) =>
  i.kind === 'violation' && i.state === 'sent' ? ((i.result as { violation?: Violation } | null)?.violation ?? null) : null;

/** Everything written on this handheld: pending, sent, refused — and why. Accepted tickets print from here. */
export function OutboxPage() {
  const { db, sync, online } = usePda();
  const items = useLiveQuery(() => db.outbox.orderBy('createdAt').reverse().limit(200).toArray(), [], []);
  const [ticket, setTicket] = useState<Violation | null>(null);
  const [followUp, setFollowUp] = useState<FollowUp | null>(null);
  return (
    <>
      <div style={{ padding: 12 }}>
        <Button block size="large" color="primary" disabled={!online} onClick={() => void sync()}>
          {online ? '立即同步' : '离线中，联网后自动同步'}
        </Button>
      </div>
      <List header="本机记录">
        {items.map((i) => (
          <List.Item
            key={i.id}
            data-testid={`outbox-${i.state}`}
            extra={
              <Space direction="vertical" align="end">
                <Tag color={STATE[i.state].color}>{STATE[i.state].label}</Tag>
                {acceptedTicket(i) && (
                  <Button size="small" color="primary" fill="outline" onClick={() => setTicket(acceptedTicket(i))}>
                    打印
                  </Button>
                )}
                {followUpOf(i) && (
                  <Button size="small" color="primary" fill="outline" onClick={() => setFollowUp(followUpOf(i))}>
                    {FOLLOW_UP_LABELS[followUpOf(i)!.kind]}
                  </Button>
                )}
              </Space>
            }
            description={i.reason ?? (i.state === 'sent' && i.sentAt ? `发送于 ${new Date(i.sentAt).toLocaleTimeString('zh-CN')}` : photoProgress(i))}
          >
            {i.title}
          </List.Item>
        ))}
      </List>
      {ticket && <TicketView violation={ticket} onClose={() => setTicket(null)} />}
      {followUp && <FollowUpPopup followUp={followUp} onClose={() => setFollowUp(null)} />}
    </>
  );
}
