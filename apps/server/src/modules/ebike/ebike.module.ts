import { EBIKE_AUDIT_ACTIONS } from '@shtp/core/ebike';
import { liuheyiConfig } from '../../integrations/liuheyi/liuheyi.config.ts';
import { createLiuheyiPort } from '../../integrations/liuheyi/liuheyi.ts';
import { defineModule } from '../app-module.ts';
import { demoEbikeCount, registerDemoPopulation, seedLegacyDemo } from './demo/demo-population.ts';
import { type EbikeApi, ebikeApi } from './ebike.api.ts';
import { demoPopulationJob } from './ebike.jobs.ts';
import { ebikeParams } from './ebike.params.ts';
import { EBIKE_PERMISSIONS, EBIKE_ROLE_PROPOSALS, EP } from './ebike.permissions.ts';
import type { EbikePorts } from './ebike.ports.ts';
import { ebikeRepository } from './ebike.repository.ts';
import { ebikeRoutes } from './ebike.routes.ts';
import { SIGNED_TYPE, SNAPSHOT_CONTEXT, signedFields } from './ebike-ledger.ts';
import { PREREG_ENCRYPTED_COLUMNS } from './preregistration.service.ts';
import { preregistrationsRepository } from './preregistrations.repository.ts';
import { registerProjectionCheck } from './projection-check.ts';
import { reachRefusal } from './reach.policy.ts';
import { LEDGER_DIGEST_KEY } from './request-digest.ts';
import { registerReconciliation } from './upload/reconcile.ts';
import { registerUpload } from './upload/upload.job.ts';
import { VEHICLE_ENCRYPTED_COLUMNS } from './vehicle-record.ts';

/** 电动自行车执法管理 (E1–E10): registration businesses over a signed ledger, uploaded to 六合一. */
export const ebikeModule = defineModule<EbikePorts, EbikeApi>({
  name: 'ebike',
  zones: ['police'],
  permissions: { catalogue: EBIKE_PERMISSIONS, proposals: EBIKE_ROLE_PROPOSALS },
  params: Object.values(ebikeParams),
  auditActions: { label: '电动自行车', actions: EBIKE_AUDIT_ACTIONS },
  declare(platform) {
    platform.keys.declare(LEDGER_DIGEST_KEY);
    platform.blobs.registerHolder('ebike_preregistrations.photos', preregistrationsRepository.heldImages);
    platform.encryptedColumns.push(...VEHICLE_ENCRYPTED_COLUMNS, ...PREREG_ENCRYPTED_COLUMNS, {
      table: 'ebike_businesses',
      id: 'id',
      column: 'snapshot_enc',
      context: SNAPSHOT_CONTEXT,
    });
    platform.signer.registerType({
      type: SIGNED_TYPE,
      label: '电动自行车登记业务',
      permission: EP.query,
      async reach(db, principal, id) {
        const where = /^\d{13}$/.test(id) ? await ebikeRepository.businessReach(db, id) : undefined;
        return where ? reachRefusal(principal, where) : null;
      },
      async load(db, id) {
        const b = /^\d{13}$/.test(id) ? await ebikeRepository.businessByLsh(db, id) : undefined;
        if (!b?.signature || b.signKeyVersion === null) return null;
        const plain = await platform.fields.decrypt(b.snapshotEnc, SNAPSHOT_CONTEXT).catch(() => '');
        return { fields: signedFields(b, plain), signature: b.signature, keyVersion: b.signKeyVersion, signedAt: b.createdAt, signedBy: b.operatorName };
      },
      list: (db, after, limit) => ebikeRepository.signedLshAfter(db, after, limit),
    });
  },
  async connect(platform) {
    // The simulator judges plates by the same parameter the officers configure (its other rules are its own).
    const liuheyi = await createLiuheyiPort(liuheyiConfig(platform.config.source, platform.config), {
      platePatterns: () => platform.params.get(ebikeParams.platePatterns),
    });
    return { ports: { liuheyi }, close: () => liuheyi.close() };
  },
  jobs({ platform, ports }) {
    registerUpload(platform, ports.liuheyi.port);
    registerReconciliation(platform, ports.liuheyi.port);
    registerProjectionCheck(platform);
    if (platform.config.env === 'development') registerDemoPopulation(platform);
  },
  api: ({ platform }) => ebikeApi(platform),
  routes: ebikeRoutes,
  async start({ platform }) {
    if (platform.config.env !== 'development') return;
    // Once per database: the key makes a restart find the first job (which resumes where it stopped).
    await platform.jobs.enqueue(
      platform.db,
      demoPopulationJob,
      { total: demoEbikeCount(platform.config.source), seed: 20261129 },
      { idempotencyKey: 'ebike-demo-population', maxAttempts: 100 },
    );
    // Before the archive starts: its demo files the pages of these paper-era businesses.
    await seedLegacyDemo(platform);
  },
});
