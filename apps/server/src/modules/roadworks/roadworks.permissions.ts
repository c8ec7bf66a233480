import type { PermissionNode } from '@shtp/core/platform';
import { ROADWORKS_P as RP } from '@shtp/core/roadworks';

export { RP };

const a = (code: string, name: string): PermissionNode => ({ code, name, type: 'action', children: [] });
const m = (code: string, name: string, children: PermissionNode[]): PermissionNode => ({ code, name, type: 'menu', children });

export const ROADWORKS_PERMISSIONS: PermissionNode = m(RP.menu, '道路施工', [
  m(RP.gazetteerMenu, '标准路名', [a(RP.gazetteerEdit, '维护道路、路口与路段')]),
  m(RP.caseMenu, '施工办件', [a(RP.decide, '定位路段并审批'), a(RP.emergency, '登记抢修补办'), a(RP.routingEdit, '设置各区办件的承办部门')]),
  m(RP.queryMenu, '施工许可查询', []),
  m(RP.warningMenu, '重复施工预警', []),
  m(RP.exchangeMenu, '保险数据交换', [a(RP.exchangeResend, '重新交换')]),
]);

const OFFICER = [RP.menu, RP.gazetteerMenu, RP.caseMenu, RP.decide, RP.emergency, RP.queryMenu, RP.warningMenu];

/** What the built-in roles get on a new database: the window officer handles cases, the supervisor also keeps the gazetteer. */
export const ROADWORKS_ROLE_PROPOSALS: Record<string, string[]> = {
  window_officer: OFFICER,
  supervisor: [...OFFICER, RP.gazetteerEdit, RP.routingEdit, RP.exchangeMenu, RP.exchangeResend],
  road_officer: [RP.menu, RP.gazetteerMenu, RP.queryMenu],
};
