import { systemActor } from '../audit/actor.ts';
import { auditRepository } from '../audit/audit.repository.ts';
import { audit } from '../audit/audit.ts';
import type { Finding } from '../audit/audit-finding.ts';
import { macOf, verifyMac } from '../audit/audit-mac.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import type { KeySpec } from '../keys/key-types.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { RECORD_BATCH, type RecordKind, integrityRepository as repo } from './integrity.repository.ts';

export const RECORD_MAC_KEY: KeySpec = { purpose: 'acl-mac', algorithm: 'HMAC-SM3', label: '访问控制数据完整性密钥（HMAC-SM3）', rotatable: true };

const LABELS: Record<RecordKind, string> = { user: '用户', role: '角色', param: '系统参数' };

/** MACs of access-control records (C2), refreshed by the application in each change's transaction. */
export class RecordIntegrity {
  constructor(private readonly keys: KeyStore) {}

  /** Recomputes the MACs of these records (removing those of records that no longer exist). */
  async refresh(db: DbOrTx, kind: RecordKind, ids: (string | number)[]): Promise<void> {
    if (ids.length === 0) return;
    const wanted = [...new Set(ids.map(String))];
    const key = this.keys.current(RECORD_MAC_KEY.purpose);
    const rows = await repo.contents(db, kind, { ids: wanted });
    for (const r of rows) {
      const mac = macOf(key.version, key.material, `${kind}|${r.content}`);
      await repo.putMac(db, kind, r.id, mac);
    }
    const gone = wanted.filter((id) => !rows.some((r) => r.id === id));
    if (gone.length) await repo.deleteMacs(db, kind, gone);
  }

  /** MACs for every record of a kind, walking in batches (first start, demo seed). */
  async refreshAll(db: DbOrTx, kind: RecordKind): Promise<void> {
    for (let after: string | null = null; ; ) {
      const rows = await repo.contents(db, kind, { after });
      await this.refresh(
        db,
        kind,
        rows.map((r) => r.id),
      );
      if (rows.length < RECORD_BATCH) return;
      after = rows.at(-1)!.id;
    }
  }

  /**
   * On the first start of a database (trust on first use), MACs for every record. Recorded in the audit log
   * so that a later wipe of the MAC table is reported by `verify`, never silently re-baselined.
   */
  async ensureBaseline(db: Db): Promise<void> {
    if (await auditRepository.hasAction(db, 'integrity.baseline')) return;
    await db.transaction(async (tx) => {
      for (const kind of ['user', 'role', 'param'] as const) await this.refreshAll(tx, kind);
      await audit(tx, systemActor('integrity baseline at first start'), { action: 'integrity.baseline', targetType: 'integrity' });
    });
  }

  async verify(db: DbOrTx): Promise<{ checked: number; findings: Finding[] }> {
    const findings: Finding[] = [];
    let checked = 0;
    for (const kind of ['user', 'role', 'param'] as const) {
      const seen = new Set<string>();
      for (let after: string | null = null; ; ) {
        const rows = await repo.contents(db, kind, { after });
        const stored = await repo.macsOf(
          db,
          kind,
          rows.map((r) => r.id),
        );
        for (const r of rows) {
          checked++;
          seen.add(r.id);
          const mac = stored.find((s) => s.recordId === r.id)?.mac ?? null;
          if (!(await verifyMac(this.keys, RECORD_MAC_KEY.purpose, mac, `${kind}|${r.content}`))) {
            findings.push({
              target: kind,
              id: r.id,
              kind: 'modified',
              message: `${LABELS[kind]} ${r.id} 的内容（或其授权）与校验值不符：在系统之外被修改或新增`,
            });
          }
        }
        if (rows.length < RECORD_BATCH) break;
        after = rows.at(-1)!.id;
      }
      for (let after = ''; ; ) {
        const macs = await repo.macIdsAfter(db, kind, after, RECORD_BATCH);
        for (const m of macs) {
          if (!seen.has(m)) findings.push({ target: kind, id: m, kind: 'deleted', message: `${LABELS[kind]} ${m} 已在系统之外被删除` });
        }
        if (macs.length < RECORD_BATCH) break;
        after = macs.at(-1)!;
      }
    }
    return { checked, findings };
  }
}
