import { PAYMENTS_AUDIT_ACTIONS } from '@shtp/core/payments';
import { createEcnyPort, type EcnyConnection, ecnyConfig } from '../../integrations/ecny-payment/ecny.ts';
import { defineModule, requireApi } from '../app-module.ts';
import { CitizenQueryService } from './citizen-query.service.ts';
import { paymentsParams } from './payments.params.ts';
import { PAYMENTS_PERMISSIONS, PP } from './payments.permissions.ts';
import { paymentsRoutes } from './payments.routes.ts';
import { PaymentsService } from './payments.service.ts';

/** The ports of 缴款: the e-CNY channel (simulator until the real interface is specified). */
export interface PaymentsPorts {
  ecny: EcnyConnection;
}

/** 罚款缴纳 (G10, internet zone): e-CNY orders for 处罚决定书 received from the police zone; payments cross back through the exchange. */
export const paymentsModule = defineModule<PaymentsPorts>({
  name: 'payments',
  zones: ['internet'],
  permissions: { catalogue: PAYMENTS_PERMISSIONS, proposals: { sysadmin: [PP.menu, PP.view] } },
  params: Object.values(paymentsParams),
  auditActions: { label: '罚款缴纳', actions: PAYMENTS_AUDIT_ACTIONS },
  async connect(platform) {
    const ecny = createEcnyPort(ecnyConfig(platform.config.source, platform.config));
    return { ports: { ecny }, close: () => ecny.close() };
  },
  routes: (app, { platform, ports, apis }) => {
    const exchange = () => requireApi(apis, 'exchange');
    return paymentsRoutes(app, new PaymentsService(platform, ports.ecny.port, exchange), new CitizenQueryService(platform, exchange));
  },
});
