import { PAYMENTS_P as PP } from '@shtp/core/payments';
import type { PermissionNode } from '@shtp/core/platform';

export { PP };

export const PAYMENTS_PERMISSIONS: PermissionNode = {
  code: PP.menu,
  name: '罚款缴纳',
  type: 'menu',
  children: [
    { code: PP.order, name: '创建缴款订单', type: 'action', children: [] },
    { code: PP.view, name: '查看缴款订单与对账', type: 'action', children: [] },
    { code: PP.refund, name: '退款', type: 'action', children: [] },
    { code: PP.smsTemplate, name: '短信模板登记与审核', type: 'action', children: [] },
    { code: PP.smsResend, name: '重发未送达的短信', type: 'action', children: [] },
    { code: PP.citizenAccounts, name: '查询互认本地用户', type: 'action', children: [] },
  ],
};
