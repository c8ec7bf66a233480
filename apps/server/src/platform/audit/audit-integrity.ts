import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import type { KeyRing } from '../keys/key-types.ts';
import type { RecordSigner } from '../signing/record-signer.ts';
import { verifyArchives } from './audit-archive-check.ts';
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

type AuditRowRaw = {
  id: number;
  ts: Date | string;
  user_id: number | null;
  username: string | null;
  department_id: number | null;
  department_name: string | null;
  roles: string | null;
  ip: string;
  user_agent: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  reason: string | null;
  error_code: string | null;
  details: unknown;
  request_id: string | null;
  row_mac: string | null;
};

const canonicalOf = (r: AuditRowRaw) =>
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
    const rows = await queryRows<AuditRowRaw>(db, sql`select * from audit_log where id > ${after} order by id limit 1000`);
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
    const links = await queryRows<{ seq: number; audit_id: number; link: string; row_mac: string | null; action: string | null; present: boolean }>(
      db,
      sql`select c.seq, c.audit_id, c.link, a.row_mac, a.action, a.id is not null as present
          from audit_chain c left join audit_log a on a.id = c.audit_id
          where c.seq > ${afterSeq} order by c.seq limit 1000`,
    );
    for (const l of links) {
      const auditId = Number(l.audit_id);
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
        if (!key || linkOf(key.version, key.material, previous, auditId, l.row_mac ?? '') !== l.link) {
          add({ target: 'audit_chain', id: String(l.seq), kind: 'chain_broken', message: `审计链在记录 #${auditId} 处断开（其前后记录被改动或删除）` });
        }
      }
      previous = l.link;
    }
    if (links.length < 1000) break;
    afterSeq = Number(links.at(-1)!.seq);
  }

  // 4. The chain head against the signed checkpoints, in the database and outside it.
  for (const f of await verifyCheckpoints(db, opts.signer, opts.anchorDir)) add(f);

  // 5. Rows written since chaining at insert began are chained in the same statement: one outside the chain was
  //    inserted around the application, or lost its link when the chain was cut.
  const unchained = await queryRows<{ id: number }>(
    db,
    sql`select a.id from audit_log a
        where a.id > (select coalesce(min(legacy_max_id), 0) from audit_chain_origin)
          and not exists (select 1 from audit_chain c where c.audit_id = a.id) order by a.id limit ${MAX_FINDINGS}`,
  );
  for (const u of unchained) add({ target: 'audit_log', id: String(u.id), kind: 'unsealed', message: `审计记录 #${u.id} 不在审计链中` });

  return { checked, findings };
}
