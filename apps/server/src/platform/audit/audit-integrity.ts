import path from 'node:path';
import type { DbOrTx } from '../db/client.ts';
import type { KeyRing } from '../keys/key-types.ts';
import type { RecordSigner } from '../signing/record-signer.ts';
import { auditRepository, type StoredAuditRow } from './audit.repository.ts';
import { verifyArchives } from './audit-archive-check.ts';
import { auditChainRepository } from './audit-chain.repository.ts';
import { CHAIN_RESTART_ACTION, linkOf } from './audit-chain.ts';
import { verifyCheckpoints } from './audit-checkpoint.ts';
import type { Finding } from './audit-finding.ts';
import { AUDIT_MAC_KEY, canonicalAudit, verifyMac } from './audit-mac.ts';

const MAX_FINDINGS = 1000;

/** What the audit verification needs besides the database. */
export interface AuditIntegrityOptions {
  keys: KeyRing;
  /** Verifies the SM2 signatures of chain checkpoints. */
  signer: RecordSigner;
  /** Where the archive job writes its files (DATA_DIR/audit-archive). */
  archiveDir: string;
  /** Where checkpoints are anchored outside the database (DATA_DIR/audit-anchors). */
  anchorDir: string;
}

export const auditIntegrityOptions = (dataDir: string, keys: KeyRing, signer: RecordSigner): AuditIntegrityOptions => ({
  keys,
  signer,
  archiveDir: path.join(dataDir, 'audit-archive'),
  anchorDir: path.join(dataDir, 'audit-anchors'),
});

const canonicalOf = (r: StoredAuditRow) =>
  canonicalAudit({
    ts: new Date(r.ts),
    userId: r.user_id,
    username: r.username,
    departmentId: r.department_id,
    departmentName: r.department_name,
    roles: r.roles,
    ip: r.ip,
    userAgent: r.user_agent,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    result: r.result,
    reason: r.reason,
    errorCode: r.error_code,
    details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    requestId: r.request_id,
  });

/**
 * Verifies the audit trail (C2) in batches: every row's MAC, every link of the chain from its start, the archives
 * (MAC, and SM3 of each file still present), the signed checkpoints against the chain, and that every row written
 * since chaining began is in the chain. Names each row changed or inserted outside the application, each row
 * deleted without a genuine archive, each break, restart or truncation of the chain, and each forged archive.
 */
export async function verifyAuditIntegrity(db: DbOrTx, opts: AuditIntegrityOptions): Promise<{ checked: number; findings: Finding[] }> {
  const { keys } = opts;
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.length < MAX_FINDINGS && findings.push(f);
  let checked = 0;

  // 1. Every row's own MAC.
  for (let after = 0; ; ) {
    const rows = await auditRepository.storedRowsAfter(db, after, 1000);
    for (const r of rows) {
      checked++;
      if (!(await verifyMac(keys, AUDIT_MAC_KEY.purpose, r.row_mac, canonicalOf(r)))) {
        add({
          target: 'audit_log',
          id: String(r.id),
          kind: 'modified',
          message: `审计记录 #${r.id}（${r.action}）内容与其校验值不符：被修改，或不是由本系统写入`,
        });
      }
    }
    if (rows.length < 1000) break;
    after = Number(rows.at(-1)!.id);
  }

  // 2. Archives: only a genuine one (valid MAC) accounts for the rows missing in its range.
  const archives = await verifyArchives(db, keys, opts.archiveDir);
  for (const f of archives.findings) add(f);

  // 3. The chain: every link recomputed from the chain's start ('' before the first link and before a restart).
  let previous = '';
  for (let afterSeq = 0; ; ) {
    const links = await auditChainRepository.linksAfter(db, afterSeq, 1000);
    for (const l of links) {
      const auditId = l.auditId;
      if (!l.present) {
        if (!archives.covers(auditId)) add({ target: 'audit_log', id: String(auditId), kind: 'deleted', message: `审计记录 #${auditId} 已被删除（未经归档）` });
      } else {
        if (l.action === CHAIN_RESTART_ACTION) {
          previous = '';
          add({
            target: 'audit_chain',
            id: String(l.seq),
            kind: 'chain_broken',
            message: `审计链在记录 #${auditId} 处重新起链：此前的审计链缺失（被截断或清空），其前的记录不再受链保护`,
          });
        }
        const m = /^(\d+)\./.exec(l.link);
        const key = m ? await keys.version(AUDIT_MAC_KEY.purpose, Number(m[1])).catch(() => null) : null;
        if (!key || linkOf(key.version, key.material, previous, auditId, l.rowMac ?? '') !== l.link) {
          add({ target: 'audit_chain', id: String(l.seq), kind: 'chain_broken', message: `审计链在记录 #${auditId} 处断开（其前后记录被改动或删除）` });
        }
      }
      previous = l.link;
    }
    if (links.length < 1000) break;
    afterSeq = links.at(-1)!.seq;
  }

  // 4. The chain head against the signed checkpoints, in the database and outside it.
  for (const f of await verifyCheckpoints(db, opts.signer, opts.anchorDir)) add(f);

  // 5. Rows written since chaining at insert began are chained in the same statement: one outside the chain was
  //    inserted around the application, or lost its link when the chain was cut.
  const unchained = await auditChainRepository.unchainedIds(db, MAX_FINDINGS);
  for (const id of unchained) add({ target: 'audit_log', id: String(id), kind: 'unsealed', message: `审计记录 #${id} 不在审计链中` });

  return { checked, findings };
}
