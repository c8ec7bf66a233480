import { createLiuheyiPort, type LiuheyiConnection } from '../../integrations/liuheyi/liuheyi.ts';
import type { Platform } from '../../platform/platform.ts';
import type { AppModule } from '../modules.ts';
import { demoEbikeCount, demoPopulationJob, registerDemoPopulation } from './demo/demo-population.ts';
import { ebikeParams } from './ebike.params.ts';
import { EBIKE_PERMISSIONS, EBIKE_ROLE_PROPOSALS, EP } from './ebike.permissions.ts';
import { ebikeRepository } from './ebike.repository.ts';
import { ebikeRoutes } from './ebike.routes.ts';
import { SIGNED_TYPE, SNAPSHOT_CONTEXT, signedFields } from './ebike-ledger.ts';
import { registerUpload } from './upload/upload.job.ts';
import { VEHICLE_ENCRYPTED_COLUMNS } from './vehicle-record.ts';

/** The 六合一 connection of each platform instance (tests run several in one process). */
const connections = new WeakMap<Platform, LiuheyiConnection>();

/** The 六合一 connection of a running platform (its simulator, outside production), for tests and tools. */
export const liuheyiOf = (platform: Platform) => connections.get(platform);

/** 电动自行车执法管理 (E1–E10): registration businesses over a signed ledger, uploaded to 六合一. */
export const ebikeModule: AppModule = {
  name: 'ebike',
  zones: ['police'],
  setup(platform: Platform) {
    platform.permissions.register(EBIKE_PERMISSIONS);
    for (const [role, codes] of Object.entries(EBIKE_ROLE_PROPOSALS)) platform.permissions.proposeForRole(role, codes);
    platform.params.register(...(Object.values(ebikeParams) as never[]));
    platform.encryptedColumns.push(...VEHICLE_ENCRYPTED_COLUMNS, { table: 'ebike_businesses', id: 'id', column: 'snapshot_enc', context: SNAPSHOT_CONTEXT });
    platform.signer.registerType({
      type: SIGNED_TYPE,
      label: '电动自行车登记业务',
      permission: EP.query,
      async load(db, id) {
        const b = /^\d{13}$/.test(id) ? await ebikeRepository.businessByLsh(db, id) : undefined;
        if (!b?.signature || b.signKeyVersion === null) return null;
        const plain = await platform.fields.decrypt(b.snapshotEnc, SNAPSHOT_CONTEXT).catch(() => '');
        return { fields: signedFields(b, plain), signature: b.signature, keyVersion: b.signKeyVersion, signedAt: b.createdAt, signedBy: b.operatorName };
      },
      list: (db, after, limit) => ebikeRepository.signedLshAfter(db, after, limit),
    });
    if (platform.config.env === 'development') registerDemoPopulation(platform);
    registerUpload(platform, () => {
      const connection = connections.get(platform);
      if (!connection) throw new Error('六合一接口尚未就绪');
      return connection.port;
    });
  },
  async routes(app, opts) {
    const liuheyi = await createLiuheyiPort(opts.platform.config);
    connections.set(opts.platform, liuheyi);
    app.addHook('onClose', async () => {
      connections.delete(opts.platform);
      await liuheyi.close();
    });
    await ebikeRoutes(app, opts);
    if (opts.platform.config.env === 'development') {
      // Once per database: the key makes a restart find the first job (which resumes where it stopped).
      await opts.platform.jobs.enqueue(
        opts.platform.db,
        demoPopulationJob,
        { total: demoEbikeCount(), seed: 20261129 },
        { idempotencyKey: 'ebike-demo-population', maxAttempts: 100 },
      );
    }
  },
};
