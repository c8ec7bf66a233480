import type { PermissionNode } from '@shtp/core/platform';
import { PUBLISHING_P as PB } from '@shtp/core/publishing';

export { PB };

export const PUBLISHING_PERMISSIONS: PermissionNode = {
  code: PB.menu,
  name: '信息发布',
  type: 'menu',
  children: [
    { code: PB.edit, name: '起草与提交发布内容', type: 'action', children: [] },
    { code: PB.review, name: '审核、定时发布与撤回发布内容', type: 'action', children: [] },
    { code: PB.hub, name: '登记一网通办服务事项、查看与重推推送记录', type: 'action', children: [] },
  ],
};
