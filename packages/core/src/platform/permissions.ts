import type { AdminKind, PermissionNode } from './rbac.ts';

/**
 * The permission catalogue of the platform. Menu permissions open a page; action permissions guard one
 * API operation. Modules add their own catalogues (see `registerPermissions` on the server).
 */
export const P = {
  userMenu: 'system:user',
  userList: 'system:user:list',
  userCreate: 'system:user:create',
  userUpdate: 'system:user:update',
  userDelete: 'system:user:delete',
  userResetPassword: 'system:user:reset-password',
  /** 三员分立: only the security admin resets the password of a separated administrator. */
  userResetAdminPassword: 'system:user:reset-admin-password',
  userGrant: 'system:user:grant',
  userUnlock: 'system:user:unlock',
  userClearance: 'system:user:clearance',
  roleMenu: 'system:role',
  roleList: 'system:role:list',
  roleCreate: 'system:role:create',
  roleUpdate: 'system:role:update',
  roleDelete: 'system:role:delete',
  deptMenu: 'system:dept',
  deptList: 'system:dept:list',
  deptCreate: 'system:dept:create',
  deptUpdate: 'system:dept:update',
  deptDelete: 'system:dept:delete',
  dictMenu: 'system:dict',
  dictList: 'system:dict:list',
  dictEdit: 'system:dict:edit',
  paramMenu: 'system:param',
  paramList: 'system:param:list',
  paramUpdate: 'system:param:update',
  paramUpdateSecurity: 'system:param:update-security',
  sessionMenu: 'system:session',
  sessionList: 'system:session:list',
  sessionKick: 'system:session:kick',
  jobMenu: 'system:job',
  jobList: 'system:job:list',
  jobManage: 'system:job:manage',
  auditMenu: 'audit:log',
  auditList: 'audit:log:list',
  auditExport: 'audit:log:export',
  integrityMenu: 'audit:integrity',
  integrityList: 'audit:integrity:list',
  integrityVerify: 'audit:integrity:verify',
  keyMenu: 'security:key',
  keyList: 'security:key:list',
  keyRotate: 'security:key:rotate',
  deviceMenu: 'security:device',
  deviceList: 'security:device:list',
  deviceManage: 'security:device:manage',
  serviceAccountMenu: 'security:service-account',
  serviceAccountList: 'security:service-account:list',
  serviceAccountManage: 'security:service-account:manage',
  apiDocs: 'security:api-docs',
} as const;
export type PlatformPermission = (typeof P)[keyof typeof P];

const m = (code: string, name: string, children: PermissionNode[]): PermissionNode => ({ code, name, type: 'menu', children });
const a = (code: string, name: string): PermissionNode => ({ code, name, type: 'action', children: [] });

export const PLATFORM_PERMISSIONS: PermissionNode[] = [
  m('system', '系统管理', [
    m(P.userMenu, '用户管理', [
      a(P.userList, '查询用户'),
      a(P.userCreate, '新增用户'),
      a(P.userUpdate, '修改用户'),
      a(P.userDelete, '删除用户'),
      a(P.userResetPassword, '重置密码'),
      a(P.userResetAdminPassword, '重置管理员密码'),
      a(P.userGrant, '分配角色'),
      a(P.userUnlock, '解锁账户'),
      a(P.userClearance, '设置用户安全标记'),
    ]),
    m(P.roleMenu, '角色管理', [a(P.roleList, '查询角色'), a(P.roleCreate, '新增角色'), a(P.roleUpdate, '修改角色'), a(P.roleDelete, '删除角色')]),
    m(P.deptMenu, '部门管理', [a(P.deptList, '查询部门'), a(P.deptCreate, '新增部门'), a(P.deptUpdate, '修改部门'), a(P.deptDelete, '删除部门')]),
    m(P.dictMenu, '数据字典', [a(P.dictList, '查询字典'), a(P.dictEdit, '维护字典')]),
    m(P.paramMenu, '系统参数', [a(P.paramList, '查询参数'), a(P.paramUpdate, '修改业务参数'), a(P.paramUpdateSecurity, '修改安全参数')]),
    m(P.sessionMenu, '在线用户', [a(P.sessionList, '查询在线用户'), a(P.sessionKick, '强制下线')]),
    m(P.jobMenu, '任务队列', [a(P.jobList, '查询任务'), a(P.jobManage, '重试/取消任务')]),
  ]),
  m('audit', '安全审计', [
    m(P.auditMenu, '审计日志', [a(P.auditList, '查询审计日志'), a(P.auditExport, '导出审计日志')]),
    m(P.integrityMenu, '完整性校验', [a(P.integrityList, '查看校验报告'), a(P.integrityVerify, '立即校验')]),
  ]),
  m('security', '安全管理', [
    m(P.keyMenu, '密钥管理', [a(P.keyList, '查看密钥'), a(P.keyRotate, '轮换密钥')]),
    m(P.deviceMenu, '终端管理', [a(P.deviceList, '查看终端'), a(P.deviceManage, '登记/停用终端')]),
    m(P.serviceAccountMenu, '接入应用管理', [
      a(P.serviceAccountList, '查看接入应用'),
      a(P.serviceAccountManage, '新增/修改接入应用、轮换密钥'),
      a(P.apiDocs, '查看接口文档（OpenAPI）'),
    ]),
  ]),
];

/** Flatten a catalogue to its codes. */
export function permissionCodes(nodes: PermissionNode[]): string[] {
  return nodes.flatMap((n) => [n.code, ...permissionCodes(n.children)]);
}

/**
 * 三员分立: what each separated administrator holds. The system admin manages accounts, organisation and
 * configuration but cannot grant permissions or read audit; the security admin owns roles, grants,
 * security parameters and unlocking; the audit admin only reads and exports the audit log.
 */
export const ADMIN_ROLE_PERMISSIONS: Record<AdminKind, string[]> = {
  system: [
    'system',
    P.userMenu,
    P.userList,
    P.userCreate,
    P.userUpdate,
    P.userDelete,
    P.userResetPassword,
    P.deptMenu,
    P.deptList,
    P.deptCreate,
    P.deptUpdate,
    P.deptDelete,
    P.dictMenu,
    P.dictList,
    P.dictEdit,
    P.paramMenu,
    P.paramList,
    P.paramUpdate,
    P.jobMenu,
    P.jobList,
    P.jobManage,
  ],
  security: [
    'system',
    P.userMenu,
    P.userList,
    P.userGrant,
    P.userUnlock,
    P.userClearance,
    P.userResetAdminPassword,
    P.roleMenu,
    P.roleList,
    P.roleCreate,
    P.roleUpdate,
    P.roleDelete,
    P.deptMenu,
    P.deptList,
    P.paramMenu,
    P.paramList,
    P.paramUpdateSecurity,
    P.sessionMenu,
    P.sessionList,
    P.sessionKick,
    'security',
    P.keyMenu,
    P.keyList,
    P.keyRotate,
    P.deviceMenu,
    P.deviceList,
    P.deviceManage,
    P.serviceAccountMenu,
    P.serviceAccountList,
    P.serviceAccountManage,
    P.apiDocs,
  ],
  audit: ['audit', P.auditMenu, P.auditList, P.auditExport, P.integrityMenu, P.integrityList, P.integrityVerify],
};
