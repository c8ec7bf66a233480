import type { GovSmsSimulator } from '../../integrations/gov-sms/gov-sms.simulator.ts';
import type {} from '../app-module.ts';
import type { SmsMessage, SmsOutcome, SmsSender } from './sms-sender.ts';
import type { BuiltInTemplate, SmsTemplates } from './sms-templates.service.ts';

export type { SmsMessage, SmsOutcome } from './sms-sender.ts';
export type { BuiltInTemplate } from './sms-templates.service.ts';

/** What other modules of the internet zone ask of 缴款: its G9 SMS sending through the government-cloud gateway. */
export interface PaymentsApi {
  sms: {
    /**
     * At the caller's start: its built-in templates are registered approved (reviewed with the release, audited) and,
     * outside production without a gateway, made known to the simulator.
     */
    registerTemplates(templates: readonly BuiltInTemplate[]): Promise<void>;
    /** One message: template approval, quiet hours, per-number limits, then the gateway; `phoneOf` is called only to send. */
    send(message: SmsMessage, phoneOf: () => Promise<string>): Promise<SmsOutcome>;
  };
}

declare module '../app-module.ts' {
  interface ModuleApis {
    payments: PaymentsApi;
  }
}

export const paymentsApi = (sender: SmsSender, templates: SmsTemplates, simulator: GovSmsSimulator | undefined): PaymentsApi => ({
  sms: {
    async registerTemplates(list) {
      simulator?.register(list);
      await templates.registerBuiltIn(list);
    },
    send: (message, phoneOf) => sender.send(message, phoneOf),
  },
});
