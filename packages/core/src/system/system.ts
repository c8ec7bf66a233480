import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import { idField, idParam, PageQuerySchema, sortField, text, versionField } from '../platform/common.ts';
import { AdminKind, DataScope } from '../platform/rbac.ts';
import { securityLabelField } from '../platform/security-labels.ts';
import { safeString } from '../validators/zod.ts';

/** API schemas of the system module (系统管理): departments, users, roles, online sessions. */

export const DEPARTMENT_LEVELS = ['总队', '支队', '大队', '中队'] as const;
export const DepartmentLevel = z.enum(DEPARTMENT_LEVELS, { error: '部门层级须为 总队/支队/大队/中队' });

export const DepartmentSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  level: DepartmentLevel,
  sort: z.number(),
  enabled: z.boolean(),
});
export type Department = z.infer<typeof DepartmentSchema>;
export type DepartmentNode = Department & { children: DepartmentNode[] };

export const DepartmentBodySchema = z.strictObject({
  parentId: idField('上级部门', { missing: '上级部门必须选择' }).nullable(),
  code: safeString({ error: '部门代码必须填写' })
    .trim()
    .regex(/^\d{6,12}$/, '部门代码须为 6–12 位数字'),
  name: text('部门名称', 64),
  level: DepartmentLevel,
  sort: sortField,
  enabled: z.boolean().default(true),
});
export type DepartmentBody = z.infer<typeof DepartmentBodySchema>;

export const USER_STATUSES = ['active', 'disabled'] as const;
export const UserStatus = z.enum(USER_STATUSES, { error: '状态无效' });

export const UserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  policeNo: z.string().nullable(),
  departmentId: z.number(),
  departmentName: z.string(),
  roles: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  /** The separated-administrator kind of the account's roles (三员分立), null for a business account. */
  adminKind: AdminKind.nullable(),
  status: UserStatus,
  /** The security label the user is cleared for (AC-6): records labelled above it are out of reach. */
  clearance: z.string(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type User = z.infer<typeof UserSchema>;

/** What an administrator does to an account; the route's permission and 三员分立 decide (see `actions`). */
export const USER_ACTIONS = ['update', 'disable', 'delete', 'resetPassword', 'setRoles'] as const;
export const UserAction = z.enum(USER_ACTIONS);
export type UserAction = z.infer<typeof UserAction>;

/** A user in the list, with what the caller may do to it and, if not, why (the console shows its buttons from it). */
export const UserListItemSchema = UserSchema.extend({ actions: actionsSchema(USER_ACTIONS) });
export type UserListItem = z.infer<typeof UserListItemSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  keyword: safeString().trim().max(64, '关键字不能超过 64 个字符').optional(),
  departmentId: idParam('部门').optional(),
  status: UserStatus.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

const username = safeString({ error: '用户名必须填写' })
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.]{2,31}$/, '用户名须以字母开头，3–32 位字母、数字、下划线或点');

export const UserCreateBodySchema = z.strictObject({
  username,
  displayName: text('姓名', 32),
  policeNo: safeString()
    .trim()
    .regex(/^\d{6}$/, '警号须为 6 位数字')
    .nullable()
    .default(null),
  departmentId: idField('所属部门', { missing: '所属部门必须选择' }),
  expiresAt: z.iso.date('账号有效期须为日期').nullable().default(null),
});
export type UserCreateBody = z.infer<typeof UserCreateBodySchema>;

export const UserUpdateBodySchema = UserCreateBodySchema.omit({ username: true }).extend({
  status: UserStatus,
  version: versionField,
});
export type UserUpdateBody = z.infer<typeof UserUpdateBodySchema>;

export const UserRolesBodySchema = z.strictObject({
  roleIds: z.array(idField('角色'), { error: '角色须为列表' }).max(20, '角色过多'),
});
export type UserRolesBody = z.infer<typeof UserRolesBodySchema>;

/** 安全标记 of a user (AC-6), set by the 安全管理员. */
export const UserClearanceBodySchema = z.strictObject({
  clearance: securityLabelField('安全标记'),
  version: versionField,
});
export type UserClearanceBody = z.infer<typeof UserClearanceBodySchema>;

export const RoleSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  dataScope: DataScope,
  adminKind: AdminKind.nullable(),
  builtIn: z.boolean(),
  permissions: z.array(z.string()),
  userCount: z.number(),
});
export type Role = z.infer<typeof RoleSchema>;

export const RoleBodySchema = z.strictObject({
  code: safeString({ error: '角色代码必须填写' })
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, '角色代码须以小写字母开头，2–32 位小写字母、数字或下划线'),
  name: text('角色名称', 32),
  description: safeString().trim().max(200, '说明不能超过 200 个字符').default(''),
  dataScope: DataScope,
  permissions: z.array(safeString().max(64, '权限代码无效'), { error: '权限须为列表' }).max(500, '权限过多'),
});
export type RoleBody = z.infer<typeof RoleBodySchema>;

export const SessionSchema = z.object({
  id: z.string(),
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  departmentName: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;
