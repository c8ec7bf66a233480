// `npm run ebike:projection --workspace apps/server -- [--rebuild]`: queues the e-bike projection check (with
// --rebuild: restore every vehicle row from its signed ledger). The server's job runner does the work (it holds the
// keys); with the embedded database run this while the server is stopped, and the job runs at its next start.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config/config.ts';
import { openDatabase } from '../../platform/db/client.ts';
import { lockDataDir } from '../../platform/db/data-dir-lock.ts';
import { jobsRepository } from '../../platform/jobs/jobs.repository.ts';
import { projectionCheckJob } from './ebike.jobs.ts';

const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false } } });
const config = loadConfig();
const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const job = await jobsRepository.insert(database.db, {
    queue: projectionCheckJob.queue,
    payload: projectionCheckJob.schema.parse({ rebuild: values.rebuild }),
    idempotencyKey: `ebike-projection-${values.rebuild ? 'rebuild' : 'check'}:${new Date().toISOString()}`,
  });
  console.log(
    `已加入任务队列（任务 ${job?.id}）：${values.rebuild ? '按台账重建电动自行车当前登记' : '核对电动自行车当前登记与台账'}；结果记入审计日志（ebike.projection-check），可在“任务队列”查看进度`,
  );
} finally {
  await database.close();
  release();
}
