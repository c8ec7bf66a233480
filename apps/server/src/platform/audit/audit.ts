import { type DbOrTx, inTransaction } from '../db/client.ts';
import { type Actor, systemActor } from './actor.ts';
import { auditChainRepository } from './audit-chain.repository.ts';
import { appendChained, CHAIN_RESTART_ACTION } from './audit-chain.ts';
import { AUDIT_MAC_KEY, type AuditMacFields, auditKeysOf } from './audit-mac.ts';

export type { Actor } from './actor.ts';

export interface AuditEvent {
  action: string;
  targetType?: string | undefined;
  targetId?: string | number | undefined;
  result?: 'success' | 'failure';
  reason?: string | undefined;
  /** The error code of a failure (the AppError code the caller answers with). */
  errorCode?: string | undefined;
  /** Already masked: never put personal data in clear here. */
  details?: Record<string, unknown> | undefined;
}

const rowOf = (actor: Actor, event: AuditEvent): AuditMacFields => ({
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
  errorCode: event.errorCode ?? null,
  details: event.details ?? null,
  requestId: actor.requestId,
});

/**
 * Writes one audit record, with its MAC and its chain link, in one step: there is no moment at which the row
 * exists unchained (C2). Pass the transaction of the change, and call this after the change's writes: the record
 * and the change commit together (fail-closed: if the audit write fails, the change rolls back), and the chain
 * lock it takes is held until that commit.
 */
export async function audit(db: DbOrTx, actor: Actor, event: AuditEvent): Promise<void> {
  const keys = auditKeysOf(db);
  const row = rowOf(actor, event);
  await inTransaction(db, async (tx) => {
    const key = keys.current(AUDIT_MAC_KEY.purpose);
    let head = await auditChainRepository.head(tx);
    if (head.restart) {
      // The chain was emptied under rows that had been chained: start anew, loudly, and never over what is left.
      const restart = rowOf(systemActor(null, actor.requestId), {
        action: CHAIN_RESTART_ACTION,
        result: 'failure',
        errorCode: 'AUDIT_CHAIN_MISSING',
        reason: '审计链缺失（被截断或清空），自此记录起重新起链',
      });
      await appendChained(tx, key, restart, head);
      head = await auditChainRepository.head(tx);
    }
    await appendChained(tx, key, row, head);
  });
}
