/** Permission codes of the 交通执法II module (handheld routes, supervisor console, rider contacts). */
export const ENFORCEMENT_P = {
  menu: 'enforcement',
  /** The officer's handheld: violations, tests, detentions, checks (all through digital envelopes). */
  pda: 'enforcement:pda',
  /** Supervisor: violations, tests, detentions, device data (P5) of the department's scope. */
  list: 'enforcement:list',
  /** Supervisor: the handheld query log with statistics (P10). */
  queryLog: 'enforcement:query-log',
  /** P12: a rider's contact from the delivery platforms (masked). */
  riderContact: 'enforcement:rider-contact',
  /** P12: the contact in clear. */
  riderContactClear: 'enforcement:rider-contact-clear',
  /** P3/P6: correct a record the drink-driving platform rejected and send it again. */
  standardUploadResend: 'enforcement:standard-upload-resend',
} as const;
