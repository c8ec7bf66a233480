import { EBIKE_P as EP } from '@shtp/core/ebike';
import type { PermissionNode } from '@shtp/core/platform';

export { EP };

const a = (code: string, name: string): PermissionNode => ({ code, name, type: 'action', children: [] });
const m = (code: string, name: string, children: PermissionNode[]): PermissionNode => ({ code, name, type: 'menu', children });

export const EBIKE_PERMISSIONS: PermissionNode = m(EP.menu, '电动自行车', [
  m(EP.businessMenu, '登记业务', [
    a(EP.register, '注册登记'),
    a(EP.transfer, '转移登记'),
    a(EP.change, '变更登记'),
    a(EP.cancel, '注销登记'),
    a(EP.replacePlate, '补换牌登记'),
    a(EP.theft, '失窃登记与找回'),
    a(EP.correct, '更正'),
    a(EP.lock, '锁定'),
    a(EP.unlock, '解锁'),
  ]),
  m(EP.queryMenu, '单项查询', [
    a(EP.query, '查询车辆'),
    a(EP.piiView, '查看个人信息明文（身份证明号码隐去出生日期）'),
    a(EP.piiViewFullId, '查看完整身份证明号码'),
    a(EP.label, '设置车辆安全标记'),
  ]),
  m(EP.uploadMenu, '上传监控', [a(EP.uploadList, '查看上传状态'), a(EP.uploadResend, '重新上传')]),
  m(EP.plateMenu, '号牌管理', [a(EP.plateList, '查看号牌库'), a(EP.plateManage, '生成号段')]),
  a(EP.pda, '移动警务终端查询'),
]);

const WINDOW = [EP.menu, EP.businessMenu, EP.register, EP.transfer, EP.change, EP.cancel, EP.replacePlate, EP.theft, EP.correct, EP.lock];
const QUERY = [EP.queryMenu, EP.query];
const UPLOAD = [EP.uploadMenu, EP.uploadList, EP.uploadResend];

/**
 * What the built-in business roles get on a new database (an administrator can change it). The whole ID number
 * (`piiViewFullId`) goes to no built-in role: the security administrator grants it to a role made for the need.
 */
export const EBIKE_ROLE_PROPOSALS: Record<string, string[]> = {
  window_officer: [...WINDOW, ...QUERY, ...UPLOAD, EP.plateMenu, EP.plateList],
  supervisor: [EP.menu, EP.businessMenu, EP.lock, EP.unlock, EP.correct, ...QUERY, EP.piiView, EP.label, ...UPLOAD, EP.plateMenu, EP.plateList, EP.plateManage],
  road_officer: [EP.menu, ...QUERY, EP.pda],
};
