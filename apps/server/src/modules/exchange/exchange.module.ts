import { EXCHANGE_AUDIT_ACTIONS } from '@shtp/core/exchange';
import { createMotorRegisterPort, type MotorRegisterConnection } from '../../integrations/motor-register/motor-register.ts';
import type { Platform } from '../../platform/platform.ts';
import { defineModule, type ModuleContext, requireApi } from '../app-module.ts';
import { appointmentStatusDataSet, appointmentsApplier, appointmentsDataSet } from './datasets/appointments.dataset.ts';
import { appointmentStatusApplier, registrationStatusApplier } from './datasets/case-status.appliers.ts';
import { driversDataSet } from './datasets/drivers.dataset.ts';
import { holderKey } from './datasets/holder.ts';
import { motorVehiclesDataSet } from './datasets/motor-vehicles.dataset.ts';
import { paymentsApplier } from './datasets/payments.applier.ts';
import { paymentsDataSet, receiptsDataSet, resendRequestsDataSet, usersDataSet } from './datasets/payments.dataset.ts';
import { policeUsersApplier, policeUsersDataSet } from './datasets/police-users.dataset.ts';
import { registrationStatusDataSet, registrationsApplier, registrationsDataSet } from './datasets/registrations.dataset.ts';
import { vehiclesDataSet } from './datasets/vehicles.dataset.ts';
import { violationsDataSet } from './datasets/violations.dataset.ts';
import { type ExchangeApi, exchangeApi } from './exchange.api.ts';
import { registerExchangeCycle } from './exchange.job.ts';
import { exchangeParams } from './exchange.params.ts';
import { EXCHANGE_PERMISSIONS, XP } from './exchange.permissions.ts';
import { exchangeRepository } from './exchange.repository.ts';
import { exchangeRoutes } from './exchange.routes.ts';
import { ExchangeService } from './exchange.service.ts';
import { EXCHANGE_KEY, exchangeSettings, ownExchangeKey, publishOwnKey } from './exchange.settings.ts';
import { type GapWatcher, watchGapFolder } from './package/gap-watcher.ts';
import { staffPasswordRoutes } from './staff-password.routes.ts';
import { STAFF_PASSWORD_CONTEXT, STAFF_PASSWORD_CROSSING_HOURS, StaffPasswordService } from './staff-password.service.ts';
import { staffPasswordsRepository } from './staff-passwords.repository.ts';

/** One crossing per app: jobs, API and routes share it. */
const services = new WeakMap<Platform, ExchangeService>();
const watchers = new WeakMap<Platform, GapWatcher>();

/** The exchange's port: the 车驾管 register, source of the motor-vehicle set and of the VINs behind decisions (police zone). */
export interface ExchangePorts {
  motorRegister: MotorRegisterConnection;
}

function serviceOf({ platform, apis, ports }: ModuleContext<ExchangePorts>): ExchangeService {
  let service = services.get(platform);
  if (!service) {
    const zone = platform.config.zone;
    const settings = exchangeSettings(platform.config.source, platform.config);
    // A source's module API is read when a cycle runs (modules start in list order).
    const dataSets = [
      vehiclesDataSet(() => requireApi(apis, 'ebike')),
      motorVehiclesDataSet(() => ports.motorRegister.port),
      driversDataSet(
        () => ports.motorRegister.port,
        () => holderKey(platform.keys, zone, settings),
      ),
      violationsDataSet(
        () => requireApi(apis, 'enforcement'),
        () => requireApi(apis, 'ebike'),
        () => ports.motorRegister.port,
      ),
      paymentsDataSet,
      usersDataSet,
      appointmentsDataSet,
      appointmentStatusDataSet,
      registrationsDataSet,
      registrationStatusDataSet,
      policeUsersDataSet(
        () => requireApi(apis, 'system'),
        () => platform.params.get(exchangeParams.recognisedRoles),
        (keys) => exchangeRepository.keysEverSent(platform.db, 'police-users', keys),
        async (userIds) => {
          const since = new Date(Date.now() - STAFF_PASSWORD_CROSSING_HOURS * 3_600_000);
          const rows = await staffPasswordsRepository.issuedSince(platform.db, userIds, since);
          const open = async (r: (typeof rows)[number]) =>
            [r.userId, { password: await platform.fields.decrypt(r.passwordEnc, STAFF_PASSWORD_CONTEXT), issuedAt: r.issuedAt.toISOString() }] as const;
          return new Map(await Promise.all(rows.map(open)));
        },
      ),
      resendRequestsDataSet(zone),
      resendRequestsDataSet(zone === 'police' ? 'internet' : 'police'),
      receiptsDataSet(zone),
      receiptsDataSet(zone === 'police' ? 'internet' : 'police'),
    ];
    const appliers = new Map(
      zone === 'police'
        ? [
            ['payments', paymentsApplier(() => requireApi(apis, 'enforcement'))],
            ['appointments', appointmentsApplier(() => requireApi(apis, 'ebike'))],
            ['registrations', registrationsApplier(() => requireApi(apis, 'ebike'))],
          ]
        : [
            ['police-users', policeUsersApplier(() => requireApi(apis, 'system'))],
            ['registration-status', registrationStatusApplier(() => requireApi(apis, 'publishing'))],
            ['appointment-status', appointmentStatusApplier(() => requireApi(apis, 'publishing'))],
          ],
    );
    service = new ExchangeService(platform, settings, dataSets, appliers);
    services.set(platform, service);
  }
  return service;
}

/**
 * 数据交换 (G11–G13): the sealed one-way file crossing between the police zone and the internet zone, the same mechanism
 * both ways (docs/adr/0030-zone-exchange.md). Mounted in both zones; what a zone sends and receives follows its data sets.
 */
export const exchangeModule = defineModule<ExchangePorts, ExchangeApi>({
  name: 'exchange',
  zones: ['police', 'internet'],
  // The administrator roles hold only their fixed 三员分立 set (seed and permission sync ignore proposals for them),
  // so the supervisor is the built-in role that operates the crossing.
  permissions: { catalogue: EXCHANGE_PERMISSIONS, proposals: { supervisor: [XP.menu, XP.view, XP.operate] } },
  params: Object.values(exchangeParams),
  auditActions: { label: '数据交换', actions: EXCHANGE_AUDIT_ACTIONS },
  declare(platform) {
    platform.keys.declare(EXCHANGE_KEY);
  },
  async connect(platform) {
    return { ports: { motorRegister: createMotorRegisterPort(platform.config.source, platform.config) }, close: async () => {} };
  },
  jobs: (ctx) => registerExchangeCycle(ctx.platform, serviceOf(ctx)),
  api: (ctx) => exchangeApi(serviceOf(ctx)),
  routes: async (app, ctx) => {
    await exchangeRoutes(app, ctx.platform, serviceOf(ctx));
    await staffPasswordRoutes(app, new StaffPasswordService(ctx.platform, () => requireApi(ctx.apis, 'system')));
  },
  async start(ctx) {
    const service = serviceOf(ctx);
    publishOwnKey(service.settings, ownExchangeKey(ctx.platform.keys, ctx.platform.config.zone));
    if (!service.settings.watch) return;
    // A package is taken once it is old enough: the scan waits the minimum age (and a margin) after its marker.
    const delay = async () => (await ctx.platform.params.get(exchangeParams.minAgeSeconds)) * 1000 + 500;
    const warn = (err: unknown) => process.emitWarning(`数据交换目录监听：${err instanceof Error ? err.message : String(err)}`);
    watchers.set(
      ctx.platform,
      watchGapFolder(service.settings.inDir, delay, () => service.cycle(), warn),
    );
  },
  async stop(ctx) {
    watchers.get(ctx.platform)?.close();
    watchers.delete(ctx.platform);
  },
});
