import type { DataScope } from '@shtp/core/platform';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { departments, rolePermissions, roles, userRoles, users } from '../rbac/rbac.table.ts';
import { notifications } from './notifications.table.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = Pick<NotificationRow, 'recipientId' | 'kind' | 'title' | 'body' | 'link' | 'digestKey'>;

export const notificationsRepository = {
  /** Active users holding `permission` through a role, with their department's path and the data scopes of all their roles. */
  async holders(db: DbOrTx, permission: string): Promise<{ userId: number; departmentPath: string; scopes: DataScope[] }[]> {
    const holding = db
      .select({ userId: userRoles.userId })
      .from(userRoles)
      .innerJoin(rolePermissions, eq(rolePermissions.roleId, userRoles.roleId))
      .where(eq(rolePermissions.permission, permission));
    const rows = await db
      .select({ userId: users.id, departmentPath: departments.path, scopes: sql<DataScope[]>`array_agg(${roles.dataScope})` })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(and(inArray(users.id, holding), isNull(users.deletedAt), eq(users.status, 'active')))
      .groupBy(users.id, departments.path);
    return rows;
  },

  /** Inserts digests; one already there for the recipient and key takes the new text, and is unread again if the text changed. */
  async upsertDigests(db: DbOrTx, rows: NewNotification[]): Promise<number> {
    if (rows.length === 0) return 0;
    const n = notifications;
    const changed = await db
      .insert(n)
      .values(rows)
      .onConflictDoUpdate({
        target: [n.recipientId, n.digestKey],
        set: { title: sql`excluded.title`, body: sql`excluded.body`, link: sql`excluded.link`, createdAt: sql`now()`, readAt: sql`null` },
        setWhere: sql`(${n.title}, ${n.body}) is distinct from (excluded.title, excluded.body)`,
      })
      .returning({ id: n.id });
    return changed.length;
  },

  async page(db: DbOrTx, recipientId: number, opts: { page: number; pageSize: number; unread?: boolean }) {
    const n = notifications;
    const mine = eq(n.recipientId, recipientId);
    const where = opts.unread === undefined ? mine : and(mine, opts.unread ? isNull(n.readAt) : sql`${n.readAt} is not null`);
    const [items, [total], [unread]] = await Promise.all([
      db
        .select()
        .from(n)
        .where(where)
        .orderBy(desc(n.createdAt), desc(n.id))
        .limit(opts.pageSize)
        .offset((opts.page - 1) * opts.pageSize),
      db.select({ c: count() }).from(n).where(where),
      db
        .select({ c: count() })
        .from(n)
        .where(and(mine, isNull(n.readAt))),
    ]);
    return { items, total: total?.c ?? 0, unread: unread?.c ?? 0 };
  },

  /** Marks the recipient's own notification read (the first time only); undefined when it is not theirs. */
  async markRead(db: DbOrTx, recipientId: number, id: number): Promise<NotificationRow | undefined> {
    const n = notifications;
    const [row] = await db
      .update(n)
      .set({ readAt: sql`coalesce(${n.readAt}, now())` })
      .where(and(eq(n.id, id), eq(n.recipientId, recipientId)))
      .returning();
    return row;
  },

  async markAllRead(db: DbOrTx, recipientId: number): Promise<number> {
    const n = notifications;
    const rows = await db
      .update(n)
      .set({ readAt: sql`now()` })
      .where(and(eq(n.recipientId, recipientId), isNull(n.readAt)))
      .returning({ id: n.id });
    return rows.length;
  },
};
