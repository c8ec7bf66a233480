import { APPOINTMENTS_P } from '@shtp/core/ebike';
import type { PermissionNode } from '@shtp/core/platform';

/** Permission codes of 非机动车登记预约 (internet zone); partners call with the service scopes `appointment:book` and `preregistration:submit`. */
export const AP = APPOINTMENTS_P;

export const APPOINTMENTS_PERMISSIONS: PermissionNode = {
  code: AP.menu,
  name: '非机动车登记预约',
  type: 'menu',
  children: [
    { code: AP.book, name: '代市民预约与取消非机动车登记', type: 'action', children: [] },
    { code: AP.preregister, name: '代市民提交与查询非机动车网上预登记', type: 'action', children: [] },
    { code: AP.list, name: '查看非机动车登记预约列表（互联网区后台）', type: 'action', children: [] },
    { code: AP.remind, name: '立即发送次日预约提醒短信（互联网区后台）', type: 'action', children: [] },
  ],
};

export const APPOINTMENTS_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'appointments.book': '预约非机动车登记',
  'appointments.cancel': '取消非机动车登记预约',
  'appointments.preregister': '提交非机动车网上预登记',
  'appointments.preregistration-photo': '上传网上预登记照片',
  'appointments.reminder': '发送非机动车登记预约提醒短信',
  'appointments.reminders-run': '立即发送次日预约提醒短信',
};
