import { EXCHANGE_P as XP } from '@shtp/core/exchange';
import type { PermissionNode } from '@shtp/core/platform';

export { XP };

export const EXCHANGE_PERMISSIONS: PermissionNode = {
  code: XP.menu,
  name: '数据交换',
  type: 'menu',
  children: [
    { code: XP.view, name: '查看数据包与对账', type: 'action', children: [] },
    { code: XP.operate, name: '立即交换、重发、全量重同步', type: 'action', children: [] },
  ],
};
