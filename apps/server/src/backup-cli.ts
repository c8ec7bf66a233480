import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { declareModules } from './modules/app-module.ts';
import { MODULES } from './modules/modules.ts';
import { systemActor } from './platform/audit/actor.ts';
import { audit } from './platform/audit/audit.ts';
import { runBackup } from './platform/backup/backup.job.ts';
import { type RestoreTarget, restoreBackup } from './platform/backup/backup.ts';
import { BackupError } from './platform/backup/backup-archive.ts';
import { restoreCheckPassed, verifyRestored } from './platform/backup/restore-check.ts';
import { type Config, ConfigError, loadConfig } from './platform/config/config.ts';
import { openDatabase } from './platform/db/client.ts';
import { DataDirLockedError, lockDataDir } from './platform/db/data-dir-lock.ts';
import { migrationVersion, runMigrations } from './platform/db/migrate.ts';
import { loadMasterKey } from './platform/keys/master-key.ts';
import { createPlatform } from './platform/platform.ts';

/*
 * `npm run backup [-- --dir DIR]` and `npm run restore -- FILE [--replace] [--no-verify]` (BR-1), with the server's
 * environment (DATA_DIR or DATABASE_URL, MASTER_KEY / MASTER_KEY_FILE, BACKUP_DIR). Exit codes: 0 done; 1 failed, or
 * restored but the verification found problems; 2 usage or configuration error. docs/operations/backup.md.
 */

const USAGE = `用法：
  npm run backup  [-- --dir 目录]                       备份当前数据库（默认目录 BACKUP_DIR）
  npm run restore -- 备份文件 [--replace] [--no-verify]  恢复到 DATA_DIR（内置数据库）或 DATABASE_URL（PostgreSQL）`;

const cliActor = (command: string) => systemActor(`${command}（操作系统用户 ${userInfo().username}@${hostname()}）`);

/** PGlite's folder can be open in one process only: hold it, or say that the server has it. */
function holdDataDir(config: Config): () => void {
  if (config.databaseUrl) return () => {};
  try {
    return lockDataDir(config.dataDir);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      throw new BackupError(`${e.message}\n内置数据库运行时由服务内的定时备份任务备份（BACKUP_CRON）；要立即备份或恢复，请先停止服务再执行。`);
    }
    throw e;
  }
}

async function backup(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { dir: { type: 'string' } } });
  const config = loadConfig();
  const release = holdDataDir(config);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const migration = await migrationVersion(database).catch(() => {
      throw new BackupError('数据库尚未初始化（没有迁移记录），没有可备份的数据：请先启动一次服务或执行 npm run migrate');
    });
    const platform = createPlatform(config, database, migration);
    await platform.keys.ensureDeclared();
    const dir = path.resolve(values.dir ?? config.backup.dir);
    const deps = {
      database,
      databaseUrl: config.databaseUrl,
      migration,
      dir,
      kek: loadMasterKey(config.masterKey),
      keys: platform.keys,
      params: platform.params,
    };
    const result = await runBackup(deps, cliActor('npm run backup'));
    console.log(`已备份（${database.kind}，版本 ${migration}）：${result.file}\n  大小 ${result.size} 字节，SM3 ${result.sm3}（另存于 .sm3 文件）`);
    if (result.pruned.length) console.log(`  按保留期删除旧备份 ${result.pruned.length} 份：${result.pruned.join('、')}`);
    return 0;
  } finally {
    await database.close();
    release();
  }
}

async function restore(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { replace: { type: 'boolean' }, 'no-verify': { type: 'boolean' } } });
  if (positionals.length !== 1) throw new ConfigError(`须指定一个备份文件\n${USAGE}`);
  const file = path.resolve(positionals[0]!);
  const config = loadConfig();
  const kek = loadMasterKey(config.masterKey);
  const target: RestoreTarget = config.databaseUrl ? { kind: 'postgresql', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir };
  const release = holdDataDir(config);
  try {
    const started = Date.now();
    const header = await restoreBackup(file, kek, target, { replace: values.replace === true });
    console.log(
      `已恢复 ${path.basename(file)}（${header.kind}，备份于 ${header.createdAt}，版本 ${header.migration}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    );
    if (values['no-verify']) {
      console.log('未校验（--no-verify）：启动后请在“完整性校验”页面立即校验');
      return 0;
    }
    return await verify(config, file, header.createdAt);
  } finally {
    release();
  }
}

/** Migrates the restored database to this release, verifies it and records the restore in its audit log. */
async function verify(config: Config, file: string, backupCreatedAt: string): Promise<number> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const migration = await runMigrations(database);
    const platform = createPlatform(config, database, migration);
    declareModules(platform, MODULES);
    console.log('核验中：完整性校验（审计链、访问控制数据）与逐条验证台账签名（SM2 验签每秒百余条，大库较慢，见 docs/operations/backup.md）…');
    const check = await verifyRestored(platform);
    const passed = restoreCheckPassed(check);
    await audit(database.db, cliActor('npm run restore'), {
      action: 'backup.restore',
      targetType: 'backup',
      targetId: path.basename(file),
      result: passed ? 'success' : 'failure',
      details: {
        backupCreatedAt,
        migration,
        checked: check.checked,
        findings: check.findings.length,
        signatures: check.signatures.checked,
        invalidSignatures: check.signatures.invalid.length,
      },
    });
    console.log(
      `完整性校验：${check.checked} 项，发现问题 ${check.findings.length} 处；记录签名 ${check.signatures.checked} 条，无效 ${check.signatures.invalid.length} 条`,
    );
    for (const f of check.findings.slice(0, 20)) console.error(`  ${f.message}`);
    for (const s of check.signatures.invalid.slice(0, 20)) console.error(`  签名无效：${s.type} ${s.id}`);
    if (!passed) console.error('恢复的数据未通过校验：请勿投入使用，保留现场并报告安全管理员。');
    return passed ? 0 : 1;
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'backup') return backup(args);
  if (command === 'restore') return restore(args);
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(2);
    }
    console.error(err instanceof BackupError ? err.message : err);
    process.exit(1);
  },
);
