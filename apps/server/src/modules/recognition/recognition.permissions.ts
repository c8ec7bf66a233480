import type { PermissionNode } from '@shtp/core/platform';
import { RECOGNITION_P as RP } from '@shtp/core/recognition';

export { RP };

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
        { code: RP.invoice, name: '发票识别与真伪核验', type: 'action', children: [] },
        { code: RP.licence, name: '营业执照识别', type: 'action', children: [] },
        { code: RP.importCertificate, name: '货物进口证明书识别', type: 'action', children: [] },
        { code: RP.classify, name: '证件类型识别', type: 'action', children: [] },
        { code: RP.materials, name: '非沪籍材料核查', type: 'action', children: [] },
        { code: RP.recapture, name: '翻拍检测', type: 'action', children: [] },
      ],
    },
  ],
};
