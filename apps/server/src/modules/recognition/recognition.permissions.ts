import type { PermissionNode } from '@shtp/core';

/** Permission codes of the 图像识别 module. ID results are personal data: separate grants from plates. */
export const RP = {
  menu: 'recognition',
  workbench: 'recognition:workbench',
  plate: 'recognition:plate',
  idNumber: 'recognition:id-number',
  idCard: 'recognition:id-card',
} as const;

export const RECOGNITION_PERMISSIONS: PermissionNode = {
  code: RP.menu,
  name: '图像识别',
  type: 'menu',
  children: [
    {
      code: RP.workbench,
      name: '识别工作台',
      type: 'menu',
      children: [
        { code: RP.plate, name: '号牌识别', type: 'action', children: [] },
        { code: RP.idNumber, name: '身份号码识别', type: 'action', children: [] },
        { code: RP.idCard, name: '居民身份证识别', type: 'action', children: [] },
      ],
    },
  ],
};
