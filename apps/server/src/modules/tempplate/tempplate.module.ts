import { TEMPPLATE_AUDIT_ACTIONS } from '@shtp/core/tempplate';
import { vehicleAdminConfig } from '../../integrations/vehicle-admin/vehicle-admin.config.ts';
import { createVehicleAdminPort } from '../../integrations/vehicle-admin/vehicle-admin.ts';
import { defineModule } from '../app-module.ts';
import { demoFeed, registerDemoIntake } from './demo/demo-intake.job.ts';
import { BUSINESS_ENCRYPTED_COLUMNS } from './intake/business-record.ts';
import { businessesRepository } from './intake/businesses.repository.ts';
import { enqueueOriginBackfill, registerOriginBackfill } from './intake/origin-backfill.job.ts';
import { registerReevaluation } from './rules/reevaluation.job.ts';
import { demoIntakeJob } from './tempplate.jobs.ts';
import { tempplateParams } from './tempplate.params.ts';
import { TEMPPLATE_PERMISSIONS, TEMPPLATE_ROLE_PROPOSALS, TP } from './tempplate.permissions.ts';
import type { TempplatePorts } from './tempplate.ports.ts';
import { tempplateRoutes } from './tempplate.routes.ts';
import { attachmentsRepository } from './work-orders/attachments.repository.ts';
import { registerStepSignatures } from './work-orders/order-steps.ts';
import { registerOverdueReminder } from './work-orders/overdue-reminder.job.ts';
import { workOrdersRepository } from './work-orders/work-orders.repository.ts';

/** 机动车临牌查验 (T1–T12, T22–T26): warning rules over temporary-plate businesses, work orders, statistics. */
export const tempplateModule = defineModule<TempplatePorts>({
  name: 'tempplate',
  zones: ['police'],
  permissions: { catalogue: TEMPPLATE_PERMISSIONS, proposals: TEMPPLATE_ROLE_PROPOSALS },
  params: Object.values(tempplateParams),
  auditActions: { label: '临牌查验', actions: TEMPPLATE_AUDIT_ACTIONS },
  declare(platform) {
    platform.encryptedColumns.push(...BUSINESS_ENCRYPTED_COLUMNS);
    registerStepSignatures(platform, TP.warningList, workOrdersRepository.warningOfOrder);
    // Images kept by digest: never erased from the shared store while a business or an order holds them.
    platform.blobs.registerHolder('tempplate_businesses.images', businessesRepository.heldImages);
    platform.blobs.registerHolder('tempplate_order_attachments', attachmentsRepository.heldImages);
  },
  async connect(platform) {
    const config = vehicleAdminConfig(platform.config.source, platform.config);
    const vehicleAdmin = await createVehicleAdminPort(config, () => demoFeed(config.demoBusinesses));
    return { ports: { vehicleAdmin }, close: () => vehicleAdmin.close() };
  },
  jobs({ platform, ports, apis }) {
    registerReevaluation(platform, () => apis.enforcement);
    registerOverdueReminder(platform);
    registerOriginBackfill(platform);
    if (platform.config.env === 'development')
      registerDemoIntake(
        platform,
        ports.vehicleAdmin.port,
        () => apis.recognition,
        () => apis.enforcement,
      );
  },
  routes: tempplateRoutes,
  async start({ platform }) {
    // X6 needs origin_no on the businesses received before it was stored (migration 0052): filled once, in pages.
    await enqueueOriginBackfill(platform);
    if (platform.config.env !== 'development') return;
    // Once per database: the first page's key makes a restart find it; each page enqueues the next.
    await platform.jobs.enqueue(platform.db, demoIntakeJob, { cursor: null }, { idempotencyKey: 'tempplate-demo-intake:start', maxAttempts: 20 });
  },
});
