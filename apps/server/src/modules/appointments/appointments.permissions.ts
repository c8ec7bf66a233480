import type { PermissionNode } from '@shtp/core/platform';

/** Permission codes of 非机动车登记预约 (internet zone); partners call with the service scope `appointment:book`. */
export const AP = { menu: 'appointments', book: 'appointments:book' } as const;

export const APPOINTMENTS_PERMISSIONS: PermissionNode = {
  code: AP.menu,
  name: '非机动车登记预约',
  type: 'menu',
  children: [{ code: AP.book, name: '代市民预约与取消非机动车登记', type: 'action', children: [] }],
};

export const APPOINTMENTS_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'appointments.book': '预约非机动车登记',
  'appointments.cancel': '取消非机动车登记预约',
};
