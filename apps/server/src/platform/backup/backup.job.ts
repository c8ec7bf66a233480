import path from 'node:path';
import { z } from 'zod';
import { type Actor, audit } from '../audit/audit.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { MasterKey } from '../keys/master-key.ts';
import { defineParam } from '../params/param-definition.ts';
import type { ParamsService } from '../params/params.service.ts';
import { createBackup, pruneBackups } from './backup.ts';
import type { WrittenArchive } from './backup-archive.ts';

export const backupJob = defineJob('backup', z.strictObject({}));

const m = 'backup';

/** Retention of the scheduled (and manual) backups; the schedule itself is BACKUP_CRON. */
export const backupParams = {
  retentionDays: defineParam.duration({
    key: 'backup.retentionDays',
    module: m,
    label: '备份保留期',
    description: '每次备份成功后，删除备份目录中早于此期限的备份文件（始终保留最近的若干份，见下一项）',
    defaultValue: 30,
    min: 1,
    max: 3650,
    unit: 'days',
  }),
  keepMin: defineParam.number({
    key: 'backup.keepMin',
    module: m,
    label: '至少保留的备份份数',
    description: '无论多旧，最近的这么多份备份都不删除（备份中断一段时间后也不会删光）',
    defaultValue: 7,
    min: 1,
    max: 1000,
  }),
};

export interface BackupDeps {
  database: Database;
  databaseUrl: string | undefined;
  migration: string;
  dir: string;
  kek: MasterKey;
  keys: KeyStore;
  params: ParamsService;
}

/**
 * One backup: seal the audit rows written so far (the restored chain then has no unsealed tail), write the archive,
 * prune by the retention parameters, and audit the outcome (a failure too).
 */
export async function runBackup(deps: BackupDeps, actor: Actor, now = new Date()): Promise<WrittenArchive & { pruned: string[] }> {
  const { db } = deps.database;
  let written: WrittenArchive;
  try {
    written = await createBackup(deps, deps.dir, deps.kek, now);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    await audit(db, actor, { action: 'backup.create', targetType: 'backup', result: 'failure', reason });
    throw e;
  }
  const pruned = await pruneBackups(deps.dir, await deps.params.get(backupParams.retentionDays), await deps.params.get(backupParams.keepMin), now);
  const name = path.basename(written.file);
  await audit(db, actor, { action: 'backup.create', targetType: 'backup', targetId: name, details: { size: written.size, sm3: written.sm3, pruned } });
  return { ...written, pruned };
}

/** The backup job, scheduled on `cron` (Asia/Shanghai) unless it is null (BACKUP_CRON=off). */
export function registerBackup(jobs: JobQueue, deps: BackupDeps, cron: string | null): void {
  jobs.register(
    backupJob,
    async (_payload, { actor }) => {
      await runBackup(deps, actor);
    },
    // Below the default visibility timeout (30 min); a larger PostgreSQL is backed up by its own tools (backup.md).
    { timeoutMs: 25 * 60_000 },
  );
  if (cron) jobs.schedules.schedule('backup', cron, backupJob, {});
}
