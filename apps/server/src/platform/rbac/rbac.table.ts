import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** The police organisation: 总队 → 支队 → 大队 → 中队. `path` is the materialised id path (/1/5/23/) for subtree scans. */
export const departments = pgTable(
  'departments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    code: text().notNull(),
    name: text().notNull(),
    level: text().notNull(),
    sort: integer().notNull().default(0),
    enabled: boolean().notNull().default(true),
    path: text().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('departments_code_uq').on(t.code),
    index('departments_parent_idx').on(t.parentId),
    index('departments_path_idx').on(sql`${t.path} text_pattern_ops`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: text().notNull(),
    displayName: text('display_name').notNull(),
    policeNo: text('police_no'),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** null, or why the next login must change the password first: first_login | reset */
    passwordChangeReason: text('password_change_reason'),
    status: text().notNull().default('active'),
    /** The security label the user is cleared for (AC-6, SECURITY_LABELS of @shtp/core); set by the 安全管理员. */
    clearance: text().notNull().default('internal'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    lastLoginIp: text('last_login_ip'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_department_idx').on(t.departmentId),
    check('users_clearance_known', sql`${t.clearance} in ('public', 'internal', 'sensitive', 'confidential')`),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

export const roles = pgTable(
  'roles',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    dataScope: text('data_scope').notNull(),
    /** system | security | audit for the three separated administrators, else null */
    adminKind: text('admin_kind'),
    builtIn: boolean('built_in').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roles_code_uq').on(t.code)],
);

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    permission: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role_idx').on(t.roleId)],
);

/** Every permission code the running system has declared, and since when: tells which codes are new at a start. */
export const permissionCatalogue = pgTable('permission_catalogue', {
  code: text().primaryKey(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One counter that statement triggers on users, departments, roles, role_permissions and user_roles raise with every
 * change (migration 0012), in the writing transaction: a principal cached under a version is current as long as the
 * committed version is the same, on every instance, whoever wrote.
 */
export const rbacVersion = pgTable(
  'rbac_version',
  {
    id: boolean().primaryKey().default(true),
    version: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [check('rbac_version_single_row', sql`${t.id}`)],
);
