import type { DbOrTx } from '../db/client.ts';
import { auditLog } from './audit.table.ts';
import { auditRowMac } from './audit-mac.ts';

/** Who is acting, and from where: taken from the request by `actorOf`. */
export interface Actor {
  userId: number | null;
  username: string | null;
  departmentId: number | null;
  departmentName: string | null;
  roles: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  targetType?: string | undefined;
  targetId?: string | number | undefined;
  result?: 'success' | 'failure';
  reason?: string | undefined;
  /** Already masked: never put personal data in clear here. */
  details?: Record<string, unknown> | undefined;
}

/**
 * Writes one audit record. Pass the transaction of the change so that the record and the change commit
 * together (fail-closed: if the audit insert fails, the change rolls back).
 */
export async function audit(db: DbOrTx, actor: Actor, event: AuditEvent): Promise<void> {
  const row = {
    ts: new Date(),
    userId: actor.userId,
    username: actor.username,
    departmentId: actor.departmentId,
    departmentName: actor.departmentName,
    roles: actor.roles,
    ip: actor.ip,
    userAgent: actor.userAgent?.slice(0, 300) ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId === undefined ? null : String(event.targetId),
    result: event.result ?? 'success',
    reason: event.reason ?? null,
    details: event.details ?? null,
    requestId: actor.requestId,
  };
  // The MAC covers exactly what is stored (C2): a row changed, or inserted by anyone but the app, fails it.
  await db.insert(auditLog).values({ ...row, rowMac: await auditRowMac(row) });
}
