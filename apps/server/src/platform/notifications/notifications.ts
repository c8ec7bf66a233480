import type { Notification } from '@shtp/core/platform';
import type { Db, DbOrTx } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import { pathInScope } from '../rbac/data-scope.ts';
import { broadestScope } from '../rbac/rbac.repository.ts';
import { type NotificationRow, notificationsRepository as repo } from './notifications.repository.ts';

/** A digest to send: to every holder of `permission`, the items of the departments in their data scope. */
export interface DigestNotice<T extends { departmentPath: string }> {
  permission: string;
  /** Who sends it and what about, e.g. `archive.unopened-digest`. */
  kind: string;
  /** What makes a run the same digest (the day): a second run with the same key updates the recipient's one row. */
  key: string;
  link: string | null;
  items: T[];
  /** The title and text of one recipient's digest from the items of their scope (never called with none). */
  compose: (items: T[]) => { title: string; body: string };
}

export const notificationView = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

/**
 * The console's notifications (platform service, `platform.notifications`): modules' jobs send digests to the users
 * responsible, each user reads and marks only their own.
 */
export class Notifications {
  constructor(private readonly db: Db) {}

  /**
   * One notification per responsible user (holders of the permission whose data scope reaches a department of the
   * items), not one per item; idempotent per `key`. Returns how many rows were written or changed.
   */
  async digest<T extends { departmentPath: string }>(db: DbOrTx, notice: DigestNotice<T>): Promise<number> {
    if (notice.items.length === 0) return 0;
    const holders = await repo.holders(db, notice.permission);
    const rows = holders.flatMap((h) => {
      const scope = broadestScope(h.scopes);
      const theirs = notice.items.filter((i) => pathInScope(scope, h.departmentPath, i.departmentPath));
      if (theirs.length === 0) return [];
      const { title, body } = notice.compose(theirs);
      return [{ recipientId: h.userId, kind: notice.kind, title, body, link: notice.link, digestKey: `${notice.kind}:${notice.key}` }];
    });
    return repo.upsertDigests(db, rows);
  }

  async list(recipientId: number, query: { page: number; pageSize: number; unread?: boolean | undefined }) {
    const { items, total, unread } = await repo.page(this.db, recipientId, query);
    return { items: items.map(notificationView), total, unread, page: query.page, pageSize: query.pageSize };
  }

  async markRead(recipientId: number, id: number): Promise<Notification> {
    const row = await repo.markRead(this.db, recipientId, id);
    if (!row) throw notFound('通知');
    return notificationView(row);
  }

  markAllRead = async (recipientId: number) => ({ updated: await repo.markAllRead(this.db, recipientId) });
}
