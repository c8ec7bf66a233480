import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import type { PermissionNode } from '@shtp/core/platform';

export { FP };

const a = (code: string, name: string): PermissionNode => ({ code, name, type: 'action', children: [] });

export const ENFORCEMENT_PERMISSIONS: PermissionNode = {
  code: FP.menu,
  name: '交通执法',
  type: 'menu',
  children: [
    a(FP.pda, '执法终端（违法处理、酒精检测、扣留）'),
    a(FP.list, '查看执法记录与测试仪数据'),
    a(FP.queryLog, '查看终端查询日志与统计'),
    a(FP.riderContact, '查询骑手联系方式（脱敏）'),
    a(FP.riderContactClear, '查看骑手联系方式明文'),
    a(FP.standardUploadResend, '更正被退回的酒精/血液检测记录并重新上传'),
  ],
};

export const ENFORCEMENT_ROLE_PROPOSALS: Record<string, string[]> = {
  road_officer: [FP.menu, FP.pda, FP.riderContact],
  supervisor: [FP.menu, FP.list, FP.queryLog, FP.riderContact, FP.riderContactClear, FP.standardUploadResend],
};
