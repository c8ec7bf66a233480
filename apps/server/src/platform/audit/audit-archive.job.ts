import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { sm3Hex } from '@shtp/gm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { KeyRing } from '../keys/key-types.ts';
import { defineParam } from '../params/param-definition.ts';
import type { ParamsService } from '../params/params.service.ts';
import { type Actor, audit } from './audit.ts';
import { auditArchiveRepository as repo } from './audit-archive.repository.ts';
import { archiveMac } from './audit-archive-check.ts';
import { AUDIT_MAC_KEY } from './audit-mac.ts';

const gzipAsync = promisify(gzip);

export const auditArchiveJob = defineJob('audit-archive', z.strictObject({}));

/** The trigger of migration 0001 refuses deleting rows younger than 180 days whatever this says. */
export const auditRetentionDays = defineParam.duration({
  key: 'audit.retentionDays',
  module: 'audit',
  security: true,
  label: '审计日志在线保留期',
  description: '超过此期限的审计日志每日归档为文件（SM3 校验）后从数据库移除；法定不少于 180 天',
  defaultValue: 180,
  min: 180,
  max: 3650,
  unit: 'days',
});

const BATCH_ROWS = 5000;

export interface ArchiveOptions {
  dir: string;
  /** The audit key store: each archive row carries a MAC over its range and file. */
  keys: KeyRing;
  retentionDays: number;
  actor: Actor;
  batchRows?: number;
  signal?: AbortSignal;
}

/** Daily: moves audit rows older than the retention period into archive files, batch by batch. */
export function registerAuditArchive(jobs: JobQueue, params: ParamsService, keys: KeyRing, dir: string): void {
  jobs.register(
    auditArchiveJob,
    async (_payload, { db, actor, signal }) => {
      await archiveAuditLog(db, { dir, keys, retentionDays: await params.get(auditRetentionDays), actor, signal });
    },
    { timeoutMs: 20 * 60_000 },
  );
  jobs.schedules.schedule('audit-archive', '30 2 * * *', auditArchiveJob, {});
}

/** Each batch is one transaction (file written, archive row, delete, audit record), so a crash loses nothing. Returns the rows archived. */
export async function archiveAuditLog(db: Db, opts: ArchiveOptions): Promise<number> {
  await mkdir(opts.dir, { recursive: true });
  let total = 0;
  while (!opts.signal?.aborted) {
    const count = await db.transaction((tx) => archiveBatch(tx, opts));
    if (count === 0) break;
    total += count;
  }
  return total;
}

async function archiveBatch(tx: Tx, opts: ArchiveOptions): Promise<number> {
  await repo.lock(tx);
  const rows = await repo.expired(tx, opts.retentionDays, opts.batchRows ?? BATCH_ROWS);
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return 0;
  // The delete trigger trusts the archive's id range, so the range must hold no row that stays: end it
  // before the first younger row (ids and timestamps are not strictly in the same order).
  const end = (await repo.firstKeptBetween(tx, first.id, last.id, opts.retentionDays)) ?? Infinity;
  const batch = rows.filter((r) => r.id < end);
  const fromId = first.id;
  const toId = batch.at(-1)?.id ?? fromId;

  const file = `audit-${fromId}-${toId}.jsonl.gz`;
  const content = await gzipAsync(`${batch.map((r) => JSON.stringify(r)).join('\n')}\n`);
  await writeDurably(path.join(opts.dir, file), content);
  const archive = { fromId, toId, rowCount: batch.length, file, sm3: sm3Hex(content) };
  await repo.insert(tx, { ...archive, mac: archiveMac(opts.keys.current(AUDIT_MAC_KEY.purpose), archive) });
  await repo.deleteArchivedRows(tx, fromId, toId);
  await audit(tx, opts.actor, { action: 'audit.archive', targetType: 'audit_archive', targetId: file, details: { count: batch.length, fromId, toId } });
  return batch.length;
}

/** Written to a temporary name, flushed, then renamed: an archive file is complete or absent. */
async function writeDurably(file: string, content: Buffer): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
