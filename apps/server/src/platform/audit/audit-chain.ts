import { hmacSm3 } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.ts';
import type { DataKey } from '../keys/key-types.ts';
import { auditLog } from './audit.table.ts';
import { type AuditMacFields, canonicalAudit, macOf } from './audit-mac.ts';

/** The code of an audit record that starts a new chain after the old one went missing. */
export const CHAIN_RESTART_ACTION = 'audit.chain.restart';

/** `<keyVersion>.<hex>` of HMAC-SM3(previous link | audit id | row MAC); the first link of a chain has previous ''. */
export const linkOf = (version: number, key: Buffer, previous: string, auditId: number, rowMac: string) =>
  `${version}.${hmacSm3(key, `${previous}|${auditId}|${rowMac}`).toString('hex')}`;

export interface ChainHead {
  previous: string;
  /** The chain is empty although rows written since chaining began exist (migration 0014's audit_chain_next). */
  restart: boolean;
  nextId: number;
}

/** Takes the chain lock (held until the transaction ends) and reads the head; see audit_chain_next() in migration 0014. */
export async function chainHead(tx: Tx): Promise<ChainHead> {
  const [head] = await queryRows<{ previous: string; restart: boolean; next_id: string | number }>(tx, sql`select * from audit_chain_next()`);
  return { previous: head!.previous, restart: head!.restart, nextId: Number(head!.next_id) };
}

/**
 * Inserts the row with its MAC under the id the head reserved, and its link after the head, in one statement (a
 * row an outside trigger swallowed still leaves its link, which the integrity check then reports as deleted).
 */
export async function appendChained(tx: Tx, key: DataKey, row: AuditMacFields, head: ChainHead): Promise<void> {
  const rowMac = macOf(key.version, key.material, canonicalAudit(row));
  const link = linkOf(key.version, key.material, head.previous, head.nextId, rowMac);
  const insertRow = tx
    .insert(auditLog)
    .overridingSystemValue()
    .values({ id: head.nextId, ...row, rowMac });
  await tx.execute(sql`with written as (${insertRow.getSQL()}) insert into audit_chain (audit_id, link) values (${head.nextId}, ${link})`);
}
