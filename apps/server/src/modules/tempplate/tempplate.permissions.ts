import type { PermissionNode } from '@shtp/core/platform';
import { TEMPPLATE_P as TP } from '@shtp/core/tempplate';

export { TP };

const a = (code: string, name: string): PermissionNode => ({ code, name, type: 'action', children: [] });
const m = (code: string, name: string, children: PermissionNode[]): PermissionNode => ({ code, name, type: 'menu', children });

export const TEMPPLATE_PERMISSIONS: PermissionNode = m(TP.menu, '临牌查验', [
  m(TP.warningMenu, '临牌预警', [a(TP.warningList, '查看预警与证据'), a(TP.evaluate, '按时间段重新评估')]),
  m(TP.orderMenu, '预警工单', [a(TP.assign, '分配与改派'), a(TP.firstCheck, '初核'), a(TP.review, '复核')]),
  m(TP.statsMenu, '统计分析', [a(TP.stats, '查看统计报表')]),
  a(TP.intake, '接收临牌办理业务（车驾管推送）'),
]);

const SEE = [TP.menu, TP.warningMenu, TP.warningList, TP.orderMenu];

/**
 * Built-in roles: the supervisor (审核监管民警) sees, assigns, re-evaluates and reads the statistics; the first-check
 * and review officers (demo roles tp_first_check, tp_review) handle the orders sent to their department.
 */
export const TEMPPLATE_ROLE_PROPOSALS: Record<string, string[]> = {
  supervisor: [...SEE, TP.assign, TP.evaluate, TP.statsMenu, TP.stats],
  tp_first_check: [...SEE, TP.firstCheck],
  tp_review: [...SEE, TP.review, TP.statsMenu, TP.stats],
};
