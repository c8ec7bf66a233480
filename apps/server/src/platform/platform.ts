import path from 'node:path';
import { PLATFORM_PERMISSIONS } from '@shtp/core';
import { auditRetentionDays, registerAuditArchive } from './audit/audit-archive.job.ts';
import { registerAccountDormancy } from './auth/account-dormancy.job.ts';
import { type AuthParams, authParams } from './auth/auth.params.ts';
import { AuthService } from './auth/auth.service.ts';
import { SecondFactorRegistry } from './auth/second-factor.ts';
import { registerSessionPurge } from './auth/session-purge.job.ts';
import type { Config } from './config/config.ts';
import type { Database, Db } from './db/client.ts';
import { DictService } from './dict/dict.service.ts';
import { PLATFORM_DICTS } from './dict/platform-dicts.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { jobParams } from './jobs/jobs.params.ts';
import { ParamsService } from './params/params.service.ts';
import { PermissionRegistry } from './rbac/permission-registry.ts';

/** The platform services every module receives. Platform code never imports a module. */
export interface Platform {
  config: Config;
  database: Database;
  db: Db;
  params: ParamsService;
  authParams: AuthParams;
  factors: SecondFactorRegistry;
  auth: AuthService;
  permissions: PermissionRegistry;
  dict: DictService;
  jobs: JobQueue;
  migration: string;
}

export function createPlatform(config: Config, database: Database, migration: string): Platform {
  const params = new ParamsService(database.db);
  const ap = authParams(config.env === 'production' ? 100_000 : 1000);
  params.register(...(Object.values(ap) as never[]));
  const factors = new SecondFactorRegistry();
  const auth = new AuthService(database.db, params, ap, factors);
  const permissions = new PermissionRegistry();
  permissions.register(...PLATFORM_PERMISSIONS);
  const dict = new DictService(database.db);
  dict.declare(...PLATFORM_DICTS);
  params.register(...(Object.values(jobParams) as never[]), auditRetentionDays as never);
  const jobs = new JobQueue(database.db, params);
  registerSessionPurge(jobs, params, ap);
  registerAccountDormancy(jobs, params, ap);
  registerAuditArchive(jobs, params, path.join(config.dataDir, 'audit-archive'));
  return { config, database, db: database.db, params, authParams: ap, factors, auth, permissions, dict, jobs, migration };
}
