/** Permission codes of the 电动自行车 module (server guards, console shows). Seeing owners' personal data in clear is its own grant. */
export const EBIKE_P = {
  menu: 'ebike',
  businessMenu: 'ebike:business',
  register: 'ebike:register',
  transfer: 'ebike:transfer',
  change: 'ebike:change',
  cancel: 'ebike:cancel',
  replacePlate: 'ebike:replace-plate',
  theft: 'ebike:theft',
  correct: 'ebike:correct',
  lock: 'ebike:lock',
  unlock: 'ebike:unlock',
  queryMenu: 'ebike:query',
  query: 'ebike:query:list',
  piiView: 'ebike:pii-view',
  /** The whole ID number in a clear view (the birth date too); granted to no built-in role (ADR 0015). */
  piiViewFullId: 'ebike:pii-view:full-id',
  /** Sets a vehicle record's security label (AC-6). */
  label: 'ebike:label',
  uploadMenu: 'ebike:upload',
  uploadList: 'ebike:upload:list',
  uploadResend: 'ebike:upload:resend',
  plateMenu: 'ebike:plate',
  plateList: 'ebike:plate:list',
  plateManage: 'ebike:plate:manage',
  pda: 'ebike:pda',
} as const;
