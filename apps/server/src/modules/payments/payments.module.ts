import { PAYMENTS_AUDIT_ACTIONS } from '@shtp/core/payments';
import { createEcnyPort, type EcnyConnection, ecnyConfig } from '../../integrations/ecny-payment/ecny.ts';
import { createGovSmsPort, type GovSmsConnection, govSmsConfig } from '../../integrations/gov-sms/gov-sms.ts';
import { createSsbIdentityPort, type SsbIdentityConnection } from '../../integrations/ssb-identity/ssb-identity.ts';
import type { Platform } from '../../platform/platform.ts';
import { defineModule, type ModuleContext, requireApi } from '../app-module.ts';
import { citizenAccountRoutes } from './citizen-accounts.routes.ts';
import { CitizenAccounts } from './citizen-accounts.service.ts';
import { CITIZEN_ID_CONTEXT, CITIZEN_MOBILE_CONTEXT, CITIZEN_NAME_CONTEXT, CitizenQueryService } from './citizen-query.service.ts';
import { driverQueryRoutes } from './driver-query.routes.ts';
import { DriverQueryService } from './driver-query.service.ts';
import { NOTICE_PHONE_CONTEXT, PAYMENT_NOTICE_TEMPLATE, PaymentNotices } from './payment-notice.ts';
import { type PaymentsApi, paymentsApi } from './payments.api.ts';
import { noticePollJob, reconcileJob } from './payments.jobs.ts';
import { paymentsParams } from './payments.params.ts';
import { PAYMENTS_PERMISSIONS, PP } from './payments.permissions.ts';
import { paymentsRoutes } from './payments.routes.ts';
import { PaymentsService, shanghaiDay } from './payments.service.ts';
import { smsMessageRoutes } from './sms-messages.routes.ts';
import { SmsMessages } from './sms-messages.service.ts';
import { SMS_PARAMS_CONTEXT, SMS_PHONE_CONTEXT, SmsSender } from './sms-sender.ts';
import { smsTemplateRoutes } from './sms-templates.routes.ts';
import { SmsTemplates } from './sms-templates.service.ts';

/** The ports of 缴款: the e-CNY channel and the SMS gateway (each a simulator outside production without a URL). */
export interface PaymentsPorts {
  ecny: EcnyConnection;
  sms: GovSmsConnection;
  /** G5: the 随申办 hub's signed identity assertions, by which a partner proves its citizen's openid. */
  identity: SsbIdentityConnection;
}

/** One notice sender and one service per app: the jobs and the routes share them. */
const notices = new WeakMap<Platform, PaymentNotices>();
const senders = new WeakMap<Platform, SmsSender>();
const services = new WeakMap<Platform, PaymentsService>();
const templates = new WeakMap<Platform, SmsTemplates>();
const templatesOf = (platform: Platform, ports: PaymentsPorts) => {
  let t = templates.get(platform);
  if (!t) {
    t = new SmsTemplates(platform, ports.sms.port);
    templates.set(platform, t);
  }
  return t;
};
const senderOf = (platform: Platform, ports: PaymentsPorts) => {
  let s = senders.get(platform);
  if (!s) {
    s = new SmsSender(platform, ports.sms.port, templatesOf(platform, ports));
    senders.set(platform, s);
  }
  return s;
};
const noticesOf = (platform: Platform, ports: PaymentsPorts) => {
  let n = notices.get(platform);
  if (!n) {
    n = new PaymentNotices(platform, ports.sms.port, senderOf(platform, ports));
    notices.set(platform, n);
  }
  return n;
};

const serviceOf = ({ platform, ports, apis }: ModuleContext<PaymentsPorts>) => {
  let service = services.get(platform);
  if (!service) {
    service = new PaymentsService(
      platform,
      ports.ecny.port,
      () => requireApi(apis, 'exchange'),
      noticesOf(platform, ports),
      () => requireApi(apis, 'publishing'),
    );
    services.set(platform, service);
  }
  return service;
};

/** 罚款缴纳 (G10, internet zone): e-CNY orders for 处罚决定书 received from the police zone; payments cross back through the exchange. */
export const paymentsModule = defineModule<PaymentsPorts, PaymentsApi>({
  name: 'payments',
  zones: ['internet'],
  // G5: the local citizen accounts (personal data, every read audited) are looked up by a business role of their own.
  permissions: {
    catalogue: PAYMENTS_PERMISSIONS,
    proposals: { supervisor: [PP.menu, PP.view, PP.smsTemplate, PP.smsResend], citizen_service: [PP.menu, PP.citizenAccounts] },
  },
  params: Object.values(paymentsParams),
  auditActions: { label: '罚款缴纳', actions: PAYMENTS_AUDIT_ACTIONS },
  declare(platform) {
    platform.encryptedColumns.push(
      { table: 'fine_payments', id: 'id', column: 'notice_phone_enc', context: NOTICE_PHONE_CONTEXT },
      { table: 'citizen_accounts', id: 'id', column: 'id_number_enc', context: CITIZEN_ID_CONTEXT },
      { table: 'citizen_accounts', id: 'id', column: 'name_enc', context: CITIZEN_NAME_CONTEXT },
      { table: 'citizen_identities', id: 'openid', column: 'mobile_enc', context: CITIZEN_MOBILE_CONTEXT },
      { table: 'citizen_identity_history', id: 'id', column: 'mobile_enc', context: CITIZEN_MOBILE_CONTEXT },
      { table: 'sms_messages', id: 'id', column: 'phone_enc', context: SMS_PHONE_CONTEXT },
      { table: 'sms_messages', id: 'id', column: 'params_enc', context: SMS_PARAMS_CONTEXT },
    );
  },
  async connect(platform) {
    const ecny = createEcnyPort(ecnyConfig(platform.config.source, platform.config));
    const sms = createGovSmsPort(govSmsConfig(platform.config.source, platform.config), [PAYMENT_NOTICE_TEMPLATE]);
    const identity = createSsbIdentityPort(platform.config.source, platform.config);
    return { ports: { ecny, sms, identity }, close: () => ecny.close() };
  },
  api: ({ platform, ports }) => paymentsApi(senderOf(platform, ports), templatesOf(platform, ports), ports.sms.simulator),
  jobs: (ctx) => {
    const { platform, ports } = ctx;
    platform.jobs.register(noticePollJob, async () => {
      await noticesOf(platform, ports).poll();
    });
    platform.jobs.schedules.schedule('payments-notice-poll', '* * * * *', noticePollJob, {});
    platform.jobs.register(reconcileJob, async ({ day }, { log }) => {
      const result = await serviceOf(ctx).reconcileDay(day ?? shanghaiDay(new Date(Date.now() - 86_400_000)));
      if (result.mismatchCount > 0) log.warn({ day: result.day, mismatches: result.mismatchCount }, 'payments reconciliation mismatches');
    });
    // After midnight, once the channel's statement of the previous day is complete.
    platform.jobs.schedules.schedule('payments-reconcile', '20 2 * * *', reconcileJob, {});
  },
  async routes(app, ctx) {
    await paymentsRoutes(
      app,
      ctx.platform,
      serviceOf(ctx),
      new CitizenQueryService(ctx.platform, () => requireApi(ctx.apis, 'exchange'), ctx.ports.identity.port),
      ctx.ports.ecny.simulator,
    );
    await smsTemplateRoutes(app, templatesOf(ctx.platform, ctx.ports), ctx.platform.db);
    await smsMessageRoutes(app, new SmsMessages(ctx.platform, senderOf(ctx.platform, ctx.ports), templatesOf(ctx.platform, ctx.ports)));
    await citizenAccountRoutes(app, new CitizenAccounts(ctx.platform));
    await driverQueryRoutes(app, new DriverQueryService(ctx.platform, () => requireApi(ctx.apis, 'exchange'), ctx.ports.identity.port));
  },
  // G9: the templates the code sends with are registered approved (their text is reviewed with the release).
  // G5: names of accounts filed before they were indexed become searchable (nothing to do once done).
  start: async ({ platform, ports }) => {
    await templatesOf(platform, ports).registerBuiltIn([PAYMENT_NOTICE_TEMPLATE]);
    await new CitizenAccounts(platform).indexNames();
  },
});
