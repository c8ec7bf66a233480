import { hmacSm3 } from '@shtp/gm';
import type { Tx } from '../db/client.ts';
import type { DataKey } from '../keys/key-types.ts';
import { auditChainRepository as repo } from './audit-chain.repository.ts';
import { type AuditMacFields, canonicalAudit, macOf } from './audit-mac.ts';

/** The code of an audit record that starts a new chain after the old one went missing. */
export const CHAIN_RESTART_ACTION = 'audit.chain.restart';

/** `<keyVersion>.<hex>` of HMAC-SM3(previous link | audit id | row MAC); the first link of a chain has previous ''. */
export const linkOf = (version: number, key: Buffer, previous: string, auditId: number, rowMac: string) =>
  `${version}.${hmacSm3(key, `${previous}|${auditId}|${rowMac}`).toString('hex')}`;

/** Writes the row with its MAC and its link after the head (which `auditChainRepository.head` locked and read). */
export async function appendChained(tx: Tx, key: DataKey, row: AuditMacFields, head: { previous: string; nextId: number }): Promise<void> {
  const rowMac = macOf(key.version, key.material, canonicalAudit(row));
  await repo.append(tx, { ...row, rowMac }, head.nextId, linkOf(key.version, key.material, head.previous, head.nextId, rowMac));
}
