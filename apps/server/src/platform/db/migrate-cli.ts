import { loadConfig } from '../config/config.ts';
import { openDatabase } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrateDatabase } from './migrate.ts';

const config = loadConfig();
const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const version = await migrateDatabase(config, database);
  console.log(`数据库迁移完成（${database.kind}），当前版本 ${version}`);
} finally {
  await database.close();
  release();
}
