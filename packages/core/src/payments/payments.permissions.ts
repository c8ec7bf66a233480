/** Permission codes of the 缴款 module (G10, internet zone). */
export const PAYMENTS_P = {
  menu: 'payments',
  order: 'payments:order',
  view: 'payments:view',
  refund: 'payments:refund',
  /** G9: register SMS templates and review those registered by another administrator (maker/checker). */
  smsTemplate: 'payments:sms-template',
  /** G9: send again a message the gateway could not deliver (a new batch, audited). */
  smsResend: 'payments:sms-resend',
  /** G5: list the local citizen accounts (masked), search them by ID number (every read audited). */
  citizenAccounts: 'payments:citizen-accounts',
} as const;
