/**
 * The 电动自行车 permission codes the console checks. They mirror the server's catalogue
 * (apps/server/src/modules/ebike/ebike.permissions.ts, not exported by @shtp/core); the server decides, these only
 * decide which menus and buttons are shown.
 */
export const EP = {
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
  uploadMenu: 'ebike:upload',
  uploadResend: 'ebike:upload:resend',
  plateMenu: 'ebike:plate',
  plateManage: 'ebike:plate:manage',
} as const;
