import { PLATFORM_PERMISSIONS } from '@shtp/core/platform';
import { auditRetentionDays, registerAuditArchive } from './audit/audit-archive.job.ts';
import { AuditCatalogue } from './audit/audit-catalogue.ts';
import { auditIntegrityOptions } from './audit/audit-integrity.ts';
import { AUDIT_MAC_KEY, bindAuditKeys } from './audit/audit-mac.ts';
import { registerAccountDormancy } from './auth/account-dormancy.job.ts';
import { type AuthParams, authParams } from './auth/auth.params.ts';
import { AuthService } from './auth/auth.service.ts';
import { SecondFactorRegistry } from './auth/second-factor.ts';
import { registerSessionPurge } from './auth/session-purge.job.ts';
import { Sm2Factor, sm2RequiredRolesParam } from './auth/sm2-factor.ts';
import { backupParams, registerBackup } from './backup/backup.job.ts';
import { blobStoreConfig } from './blobs/blob-config.ts';
import { registerBlobErase } from './blobs/blob-erase.job.ts';
import { BLOB_KEY, BlobStore } from './blobs/blob-store.ts';
import { type BlobParams, blobParams } from './blobs/blobs.params.ts';
import { createBlobBackend } from './blobs/create-blob-backend.ts';
import { registerUploadPurge } from './blobs/upload-purge.job.ts';
import type { Config } from './config/config.ts';
import type { Database, Db } from './db/client.ts';
import { DictService } from './dict/dict.service.ts';
import { PLATFORM_DICTS } from './dict/platform-dicts.ts';
import { registerIdempotency } from './http/idempotency-store.ts';
import { registerIntegrityVerification } from './integrity/integrity.job.ts';
import { RECORD_MAC_KEY, RecordIntegrity } from './integrity/record-integrity.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { jobParams } from './jobs/jobs.params.ts';
import { FieldCrypto, PII_KEYS } from './keys/field-crypto.ts';
import { KeyStore } from './keys/keystore.ts';
import { loadMasterKey } from './keys/master-key.ts';
import { type EncryptedColumn, registerReencryption } from './keys/reencrypt.job.ts';
import { Notifications } from './notifications/notifications.ts';
import { ParamsService } from './params/params.service.ts';
import { PermissionRegistry } from './rbac/permission-registry.ts';
import { registerServiceAccounts } from './service-accounts/service-accounts.ts';
import { RECORD_SIGN_KEY, RecordSigner } from './signing/record-signer.ts';
import { registerTransport } from './transport/transport.ts';
import { CpuPool } from './workers/cpu-pool.ts';

/** The platform services every module receives. Platform code never imports a module. */
export interface Platform {
  config: Config;
  database: Database;
  db: Db;
  /** For statistics and reports that may lag (a replica when DATABASE_REPLICA_URL is set; else `db`). */
  reports: Db;
  params: ParamsService;
  authParams: AuthParams;
  factors: SecondFactorRegistry;
  auth: AuthService;
  permissions: PermissionRegistry;
  dict: DictService;
  jobs: JobQueue;
  keys: KeyStore;
  fields: FieldCrypto;
  /** MACs of access-control records (C2): refresh them in the transaction of every change. */
  integrity: RecordIntegrity;
  /** SM2 signatures of important records (C5): sign in the transaction that writes them, register the type to verify. */
  signer: RecordSigner;
  /** Chinese names of audit actions, platform's and modules' (`auditActions` of a module definition). */
  auditActions: AuditCatalogue;
  /** Worker threads for CPU-heavy background work (signing in bulk, …): keeps the request thread free. */
  cpu: CpuPool;
  /** Modules add the columns they encrypt with `fields`, so that rotation re-encrypts them. */
  encryptedColumns: EncryptedColumn[];
  /** The image store (content-addressed, encrypted, fs or S3): `put`, `get`, `has`, `claimUpload` (docs/operations/blob-store.md). */
  blobs: BlobStore;
  blobParams: BlobParams;
  /** The console's notifications (header bell): `digest(db, …)` sends one per responsible user (their scope's items). */
  notifications: Notifications;
  migration: string;
}

export function createPlatform(config: Config, database: Database, migration: string): Platform {
  const db = database.db;
  const kek = loadMasterKey(config.masterKey);
  const keys = new KeyStore(db, kek);
  keys.declare(...PII_KEYS, AUDIT_MAC_KEY, RECORD_MAC_KEY, RECORD_SIGN_KEY, BLOB_KEY);
  bindAuditKeys(db, keys);
  const integrity = new RecordIntegrity(keys);
  const fields = new FieldCrypto(keys);
  const signer = new RecordSigner(keys);

  const params = new ParamsService(db, integrity);
  const ap = authParams(config.env === 'production' ? 100_000 : 1000);
  const sm2RequiredRoles = sm2RequiredRolesParam(config.env === 'production');
  params.register(
    ...Object.values(ap),
    ...Object.values(jobParams),
    auditRetentionDays,
    sm2RequiredRoles,
    ...Object.values(backupParams),
    ...Object.values(blobParams),
  );
  const factors = new SecondFactorRegistry();
  factors.register(new Sm2Factor(db, params, sm2RequiredRoles));
  const auth = new AuthService(db, params, ap, factors, integrity, database.notifications);
  const permissions = new PermissionRegistry();
  permissions.register(...PLATFORM_PERMISSIONS);
  const dict = new DictService(db);
  dict.declare(...PLATFORM_DICTS);

  const jobs = new JobQueue(db, params);
  const cpu = new CpuPool();
  const auditActions = new AuditCatalogue();
  const encryptedColumns: EncryptedColumn[] = [];
  registerSessionPurge(jobs, params, ap);
  registerAccountDormancy(jobs, params, ap, integrity);
  const auditIntegrity = auditIntegrityOptions(config.dataDir, keys, signer);
  registerAuditArchive(jobs, params, keys, auditIntegrity.archiveDir);
  registerIntegrityVerification(jobs, auditIntegrity, integrity);
  registerBackup(jobs, { database, databaseUrl: config.databaseUrl, migration, dir: config.backup.dir, kek, keys, params }, config.backup.cron);
  registerReencryption(jobs, fields, cpu, encryptedColumns);
  registerTransport(keys, params, jobs);
  registerServiceAccounts(keys, params, jobs, encryptedColumns);
  registerIdempotency(keys, params, jobs, encryptedColumns);
  const blobs = new BlobStore(db, keys, createBlobBackend(blobStoreConfig(config.source, config.dataDir)), jobs);
  registerBlobErase(jobs, blobs);
  registerUploadPurge(jobs, params, blobParams, config.dataDir);
  return {
    config,
    database,
    db,
    reports: database.reports,
    params,
    authParams: ap,
    factors,
    auth,
    permissions,
    dict,
    jobs,
    keys,
    fields,
    integrity,
    signer,
    cpu,
    auditActions,
    encryptedColumns,
    blobs,
    blobParams,
    notifications: new Notifications(db),
    migration,
  };
}
