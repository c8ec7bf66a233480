import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the system module (系统管理; see platform/error-codes.ts). */
export const SYSTEM_ERROR_CODES = {
  ADMIN_SEPARATION: '三员分立：不能操作该管理员账户',
  ADMIN_ROLE_CONFLICT: '三员分立：同一账户不能同时持有两种管理员角色，或管理员角色与业务角色',
  ROLE_MIXES_ADMIN: '三员分立：角色不能混合不同管理员的权限',
  LAST_ADMIN: '三员分立：须至少保留一个启用的该类管理员账户',
  OWN_ACCOUNT: '不能对自己的账户执行此操作',
  BUILTIN_ROLE: '内置角色不能删除，三员内置角色的权限不能修改',
  ROLE_IN_USE: '角色已分配给用户，不能删除',
  DEPT_NOT_EMPTY: '部门下还有下级部门或用户，不能删除',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof SYSTEM_ERROR_CODES> {}
}
