import { type Db, type DbOrTx, inTransaction, isTransaction, type Tx } from '../db/client.ts';
import { Coalescer } from '../db/coalescer.ts';
import { type Actor, type CallAudit, systemActor } from './actor.ts';
import { auditChainRepository } from './audit-chain.repository.ts';
import { appendChained, CHAIN_RESTART_ACTION, linkOf } from './audit-chain.ts';
import { AUDIT_MAC_KEY, type AuditMacFields, auditKeysOf, canonicalAudit, macOf } from './audit-mac.ts';

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
 *
 * Given the database rather than a transaction (the audit of a read), the record joins those of other requests
 * waiting at that moment and all commit in one transaction (group commit): the chain lock is taken once for the
 * group, not once per read. The promise settles when the group has committed, so an answer is never sent before
 * its audit record is durable, and nothing sits in a buffer a crash could drop.
 */
export async function audit(db: DbOrTx, actor: Actor, event: AuditEvent): Promise<void> {
  const row = rowOf(actor, event);
  if (isTransaction(db)) return appendAll(db, [row]);
  return groupOf(db).add([row]);
}

function groupOf(db: Db): Coalescer<AuditMacFields[], void> {
  let group = groups.get(db);
  if (!group) {
    group = groupCommit(db);
    groups.set(db, group);
  }
  return group;
}

/**
 * The audit of something whose only follower is the call's answer (a read, an outside query, their refusal): when the
 * call has a closing record written before its answer goes out (`actor.callAudit`, a signed service call), the record
 * joins it and both are written in one group commit when the answer is ready (one wait instead of two); the answer
 * still never goes out before its records are durable. Otherwise, and in a transaction, as `audit`.
 */
export async function auditBeforeAnswer(db: DbOrTx, actor: Actor, event: AuditEvent): Promise<void> {
  if (!isTransaction(db) && actor.callAudit?.join(rowOf(actor, event))) return;
  return audit(db, actor, event);
}

/**
 * A call's closing record and the records that joined it (`auditBeforeAnswer`), written together in order, in one
 * group commit, by `close`. A record that comes after `close` is not joined: its writer writes it on its own.
 */
export class CallAuditJoin implements CallAudit {
  private rows: AuditMacFields[] | null = [];

  join(row: AuditMacFields): boolean {
    if (!this.rows) return false;
    this.rows.push(row);
    return true;
  }

  /** Writes the joined records and then the closing one; settles when they are committed. */
  close(db: Db, actor: Actor, event: AuditEvent): Promise<void> {
    const rows = [...(this.rows ?? []), rowOf(actor, event)];
    this.rows = null;
    return groupOf(db).add(rows);
  }
}

/** Chains the rows in order after the head, in the caller's transaction (which holds the chain lock until it ends). */
async function appendAll(tx: Tx, rows: AuditMacFields[]): Promise<void> {
  const key = auditKeysOf(tx).current(AUDIT_MAC_KEY.purpose);
  let head = await auditChainRepository.head(tx, rows.length - 1);
  if (head.restart) {
    // The chain was emptied under rows that had been chained: start anew, loudly, and never over what is left.
    const restart = rowOf(systemActor(null, rows[0]!.requestId), {
      action: CHAIN_RESTART_ACTION,
      result: 'failure',
      errorCode: 'AUDIT_CHAIN_MISSING',
      reason: '审计链缺失（被截断或清空），自此记录起重新起链',
    });
    await appendChained(tx, key, restart, head);
    head = await auditChainRepository.head(tx, rows.length - 1);
  }
  if (rows.length === 1) return appendChained(tx, key, rows[0]!, head);
  const ids = [head.nextId, ...head.moreIds];
  let previous = head.previous;
  const linked = rows.map((row, i) => {
    const rowMac = macOf(key.version, key.material, canonicalAudit(row));
    previous = linkOf(key.version, key.material, previous, ids[i]!, rowMac);
    return { ...row, rowMac, id: ids[i]!, link: previous };
  });
  await auditChainRepository.appendMany(tx, linked);
}

/** At most this many records in one transaction: bounds the statement size and the time the chain lock is held. */
const GROUP_LIMIT = 256;

/**
 * One writer per database: the records of calls that arrive while a group commits form the next group, the records of
 * one call kept together and in order. A group that fails is written call by call, so that only the reads whose
 * records cannot be written fail.
 */
const groupCommit = (db: Db) =>
  new Coalescer<AuditMacFields[], void>(
    async (calls) => {
      await inTransaction(db, (tx) => appendAll(tx, calls.flat()));
      return calls.map(() => undefined);
    },
    { maxWeight: GROUP_LIMIT, weight: (rows) => rows.length },
  );

const groups = new WeakMap<Db, Coalescer<AuditMacFields[], void>>();
