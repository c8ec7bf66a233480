import type { Readable } from 'node:stream';
import { DATA_SCOPE_LABELS, SECURITY_LABELS, type SecurityLabel } from '@shtp/core/platform';
import type { Department, Role, Session, User } from '@shtp/core/system';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../platform/export/xlsx-stream.ts';

const USER_STATUS: Record<User['status'], string> = { active: '启用', disabled: '停用' };

const USER_COLUMNS: XlsxColumn<User>[] = [
  { header: '用户名', width: 16, cell: (u) => u.username },
  { header: '姓名', width: 12, cell: (u) => u.displayName },
  { header: '警号', width: 10, cell: (u) => u.policeNo ?? '' },
  { header: '部门', width: 26, cell: (u) => u.departmentName },
  { header: '角色', width: 30, cell: (u) => u.roles.map((r) => r.name).join('、') },
  { header: '安全标记', width: 10, cell: (u) => SECURITY_LABELS[u.clearance as SecurityLabel] ?? u.clearance },
  { header: '状态', width: 8, cell: (u) => USER_STATUS[u.status] },
  { header: '锁定至', width: 20, cell: (u) => beijingTime(u.lockedUntil) },
  { header: '最后登录', width: 20, cell: (u) => beijingTime(u.lastLoginAt) },
  { header: '账户有效期至', width: 20, cell: (u) => beijingTime(u.expiresAt) },
  { header: '创建时间', width: 20, cell: (u) => beijingTime(u.createdAt) },
];

/** 用户管理's list as an .xlsx stream. */
export const usersWorkbookStream = (rows: AsyncIterable<User>): Readable => xlsxStream('用户', USER_COLUMNS, rows);

type DepartmentExportRow = Department & { parentName: string };

const DEPARTMENT_COLUMNS: XlsxColumn<DepartmentExportRow>[] = [
  { header: '部门代码', width: 14, cell: (d) => d.code },
  { header: '部门名称', width: 28, cell: (d) => d.name },
  { header: '层级', width: 8, cell: (d) => d.level },
  { header: '上级部门', width: 28, cell: (d) => d.parentName },
  { header: '排序', width: 6, cell: (d) => d.sort },
  { header: '状态', width: 8, cell: (d) => (d.enabled ? '启用' : '停用') },
];

/** 部门管理's departments (those of the data scope, parents before their subordinates) as an .xlsx stream. */
export function departmentsWorkbookStream(departments: Department[]): Readable {
  const names = new Map(departments.map((d) => [d.id, d.name]));
  async function* rows() {
    for (const d of departments) yield { ...d, parentName: d.parentId === null ? '' : (names.get(d.parentId) ?? '') };
  }
  return xlsxStream('部门', DEPARTMENT_COLUMNS, rows());
}

const ROLE_COLUMNS: XlsxColumn<Role>[] = [
  { header: '角色代码', width: 20, cell: (r) => r.code },
  { header: '角色名称', width: 20, cell: (r) => r.name },
  { header: '数据范围', width: 14, cell: (r) => DATA_SCOPE_LABELS[r.dataScope] },
  { header: '内置', width: 6, cell: (r) => (r.builtIn ? '是' : '否') },
  { header: '权限数', width: 8, cell: (r) => r.permissions.length },
  { header: '用户数', width: 8, cell: (r) => r.userCount },
  { header: '说明', width: 40, cell: (r) => r.description },
];

/** 角色管理's roles as an .xlsx stream. */
export const rolesWorkbookStream = (roles: Role[]): Readable => xlsxStream('角色', ROLE_COLUMNS, listed(roles));

const SESSION_COLUMNS: XlsxColumn<Session>[] = [
  { header: '用户名', width: 16, cell: (s) => s.username },
  { header: '姓名', width: 12, cell: (s) => s.displayName },
  { header: '部门', width: 26, cell: (s) => s.departmentName },
  { header: '登录地址', width: 18, cell: (s) => s.ip },
  { header: '终端', width: 50, cell: (s) => s.userAgent },
  { header: '登录时间', width: 20, cell: (s) => beijingTime(s.createdAt) },
  { header: '最后活动', width: 20, cell: (s) => beijingTime(s.lastSeenAt) },
  { header: '到期时间', width: 20, cell: (s) => beijingTime(s.expiresAt) },
];

/** 在线用户's sessions (those of the data scope) as an .xlsx stream. */
export const sessionsWorkbookStream = (sessions: Session[]): Readable => xlsxStream('在线用户', SESSION_COLUMNS, listed(sessions));

async function* listed<T>(rows: T[]) {
  yield* rows;
}
