import { hmacSm3 } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { AUDIT_MAC_KEY, canonicalAudit, verifyMac } from './audit-mac.ts';

export interface Finding {
  target: string;
  id: string;
  kind: 'modified' | 'deleted' | 'unsealed' | 'chain_broken';
  message: string;
}

const SEAL_BATCH = 1000;
/** Rows that commit late get a lower id than rows already sealed; look back this far for them. */
const LOOKBACK_IDS = 10_000;
/** A row this old and still not in the chain was not written through the application. */
const UNSEALED_GRACE = "interval '10 minutes'";
const MAX_FINDINGS = 1000;

const linkOf = (version: number, key: Buffer, previous: string, auditId: number, rowMac: string) =>
  `${version}.${hmacSm3(key, `${previous}|${auditId}|${rowMac}`).toString('hex')}`;

/**
 * Appends the audit rows not yet chained to the HMAC-SM3 chain, oldest id first. One sealer at a time
 * (transaction advisory lock), so the chain stays linear across instances. Returns the rows sealed.
 */
export async function sealAuditChain(db: DbOrTx, keys: KeyStore): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(7241001) as ok`);
    if (!lock?.ok) return 0;
    const [last] = await queryRows<{ link: string; audit_id: number }>(tx, sql`select link, audit_id from audit_chain order by seq desc limit 1`);
    const rows = await queryRows<{ id: number; row_mac: string | null }>(
      tx,
      sql`select a.id, a.row_mac from audit_log a
          where a.id > ${Number(last?.audit_id ?? 0) - LOOKBACK_IDS}
            and not exists (select 1 from audit_chain c where c.audit_id = a.id)
          order by a.id limit ${SEAL_BATCH}`,
    );
    const key = keys.current(AUDIT_MAC_KEY.purpose);
    let previous = last?.link ?? '';
    for (const r of rows) {
      previous = linkOf(key.version, key.material, previous, Number(r.id), r.row_mac ?? '');
      await tx.execute(sql`insert into audit_chain (audit_id, link) values (${r.id}, ${previous})`);
    }
    return rows.length;
  });
}

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
    details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    requestId: r.request_id,
  });

/**
 * Verifies every audit row's MAC and the chain (C2) in batches. Names each row
 * changed or inserted outside the application, each chained row deleted without an archive, and each
 * break in the chain.
 */
export async function verifyAuditIntegrity(db: DbOrTx, keys: KeyStore): Promise<{ checked: number; findings: Finding[] }> {
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

  // 2. The chain: every link recomputed; a chained row that is gone must lie in an archived range.
  let previous: string | null = null;
  for (let afterSeq = 0; ; ) {
    const links = await queryRows<{ seq: number; audit_id: number; link: string; row_mac: string | null; present: boolean; archived: boolean }>(
      db,
      sql`select c.seq, c.audit_id, c.link, a.row_mac, a.id is not null as present,
                 exists (select 1 from audit_archives x where c.audit_id between x.from_id and x.to_id) as archived
          from audit_chain c left join audit_log a on a.id = c.audit_id
          where c.seq > ${afterSeq} order by c.seq limit 1000`,
    );
    for (const l of links) {
      if (!l.present) {
        if (!l.archived) add({ target: 'audit_log', id: String(l.audit_id), kind: 'deleted', message: `审计记录 #${l.audit_id} 已被删除（未经归档）` });
      } else if (previous !== null) {
        const m = /^(\d+)\./.exec(l.link);
        const key = m ? await keys.version(AUDIT_MAC_KEY.purpose, Number(m[1])).catch(() => null) : null;
        if (!key || linkOf(key.version, key.material, previous, Number(l.audit_id), l.row_mac ?? '') !== l.link) {
          add({ target: 'audit_chain', id: String(l.seq), kind: 'chain_broken', message: `审计链在记录 #${l.audit_id} 处断开（其前后记录被改动或删除）` });
        }
      }
      // The first remaining link anchors the walk: rows before it were archived (or the chain starts here).
      previous = l.link;
    }
    if (links.length < 1000) break;
    afterSeq = Number(links.at(-1)!.seq);
  }

  // 3. Rows that never entered the chain although the sealer has long passed them.
  const unsealed = await queryRows<{ id: number }>(
    db,
    sql.raw(`select a.id from audit_log a where a.ts < now() - ${UNSEALED_GRACE}
             and not exists (select 1 from audit_chain c where c.audit_id = a.id) order by a.id limit ${MAX_FINDINGS}`),
  );
  for (const u of unsealed) add({ target: 'audit_log', id: String(u.id), kind: 'unsealed', message: `审计记录 #${u.id} 未进入审计链` });

  return { checked, findings };
}
