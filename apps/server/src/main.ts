import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { openDatabase } from './platform/db/client.ts';
import { DataDirLockedError, lockDataDir } from './platform/db/data-dir-lock.ts';
import { migrateDatabase, ownsAuditLog } from './platform/db/migrate.ts';
import { bufferedLogDestination } from './platform/http/log-destination.ts';
import { checkRelease, ReleaseCheckRefusedError, releaseCheckSettings } from './platform/release/release-check.ts';
import { shutdownWithin } from './platform/shutdown.ts';

async function main() {
  const config = loadConfig();
  await checkRelease(releaseCheckSettings(process.env, config.env === 'production'));
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, replicaUrl: config.replicaUrl, dataDir: config.dataDir, poolSize: config.load.poolSize });
  const migration = await migrateDatabase(config, database);
  if (config.env === 'production' && database.kind === 'postgresql' && (await ownsAuditLog(database))) {
    console.warn('警告：应用数据库账户是审计表的属主，可停用其保护触发器。请以属主账户设置 MIGRATION_DATABASE_URL，见 docs/operations/database-roles.md');
  }
  const { app, platform, accounts } = await bootstrap(config, database, migration, {
    demo: { dataDir: config.dataDir },
    // One write per ~4 KiB of log lines, not per line; written out on exit and after a fatal line.
    logStream: bufferedLogDestination().destination,
  });
  if (accounts.length > 0) {
    console.log('\n已创建演示账户（首次登录须修改密码；此信息只显示一次，另存于 DATA_DIR/demo-accounts.json）：');
    console.table(accounts.map((a) => ({ 用户名: a.username, 初始密码: a.password, 角色: a.roles.join(',') })));
  }
  // Stopped by the app's onClose hook on shutdown.
  if (config.jobsEnabled) platform.jobs.start(app.log);
  const shutdown = () =>
    shutdownWithin(
      async () => {
        await app.close();
        await database.close();
        release();
      },
      { timeoutMs: config.shutdownTimeoutMs, log: (message) => app.log.error(message), exit: (code) => process.exit(code) },
    );
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host, backlog: config.load.listenBacklog });
  console.log(
    `上海交警综合应用系统已启动：${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/ （区域 ${config.zone}，数据库 ${database.kind}，版本 ${migration}）`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof ReleaseCheckRefusedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
