import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sm3Hex } from '@shtp/gm';
import type { DbOrTx } from '../db/client.ts';
import type { DataKey, KeyRing } from '../keys/key-types.ts';
import { auditArchiveRepository } from './audit-archive.repository.ts';
import type { Finding } from './audit-finding.ts';
import { AUDIT_MAC_KEY, macOf, verifyMac } from './audit-mac.ts';

/** What an archive row's MAC covers: the range the delete trigger trusts, and the file that holds the rows. */
export interface ArchiveFields {
  fromId: number;
  toId: number;
  rowCount: number;
  file: string;
  sm3: string;
}

const canonicalArchive = (a: ArchiveFields) => JSON.stringify(['audit-archive', a.fromId, a.toId, a.rowCount, a.file, a.sm3]);

export const archiveMac = (key: DataKey, a: ArchiveFields) => macOf(key.version, key.material, canonicalArchive(a));

/**
 * Checks every archive row (C2): its MAC (the application role may insert archive rows, so a range without a valid
 * MAC could hide deleted records), and the SM3 of its file where the file is still in `dir` (files may have been
 * moved off the host). `covers(id)` answers whether a genuine archive holds the row.
 */
export async function verifyArchives(db: DbOrTx, keys: KeyRing, dir: string): Promise<{ findings: Finding[]; covers(id: number): boolean }> {
  const findings: Finding[] = [];
  const genuine: { fromId: number; toId: number }[] = [];
  for (const a of await auditArchiveRepository.all(db)) {
    if (!(await verifyMac(keys, AUDIT_MAC_KEY.purpose, a.mac, canonicalArchive(a)))) {
      findings.push({
        target: 'audit_archives',
        id: String(a.id),
        kind: 'modified',
        message: `归档记录 ${a.id}（审计记录 #${a.fromId}–#${a.toId}）校验值无效：不是由归档任务写入，其范围内缺失的记录按删除报告`,
      });
      continue;
    }
    genuine.push(a);
    const content = await readFile(path.join(dir, path.basename(a.file))).catch(() => null);
    if (content && sm3Hex(content) !== a.sm3) {
      findings.push({ target: 'audit_archives', id: String(a.id), kind: 'modified', message: `归档文件 ${a.file} 与其 SM3 摘要不符：文件被改动` });
    }
  }
  // A later batch may span an earlier one (rows that were younger then), so search the union of the ranges.
  const union: { fromId: number; toId: number }[] = [];
  for (const r of genuine) {
    const last = union.at(-1);
    if (last && r.fromId <= last.toId + 1) last.toId = Math.max(last.toId, r.toId);
    else union.push({ fromId: r.fromId, toId: r.toId });
  }
  const covers = (id: number) => {
    let lo = 0;
    let hi = union.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = union[mid]!;
      if (id < r.fromId) hi = mid - 1;
      else if (id > r.toId) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return { findings, covers };
}
