/** Permission codes of the 缴款 module (G10, internet zone). */
export const PAYMENTS_P = {
  menu: 'payments',
  order: 'payments:order',
  view: 'payments:view',
  refund: 'payments:refund',
  /** G9: register SMS templates and review those registered by another administrator (maker/checker). */
  smsTemplate: 'payments:sms-template',
} as const;
