import { z } from 'zod';

/** A node of the permission catalogue: the platform's and every module's (menus open a page, actions guard an operation). */
export const PermissionNodeSchema: z.ZodType<PermissionNode> = z.lazy(() =>
  z.object({ code: z.string(), name: z.string(), type: z.enum(['menu', 'action']), children: z.array(PermissionNodeSchema) }),
);
export interface PermissionNode {
  code: string;
  name: string;
  type: 'menu' | 'action';
  children: PermissionNode[];
}

/** 数据范围 of a role: which departments' records its holders reach. */
export const DATA_SCOPES = ['all', 'dept_and_children', 'dept', 'self'] as const;
export const DataScope = z.enum(DATA_SCOPES, { error: '数据范围无效' });
export type DataScope = z.infer<typeof DataScope>;
export const DATA_SCOPE_LABELS: Record<DataScope, string> = {
  all: '全部数据',
  dept_and_children: '本部门及下级',
  dept: '仅本部门',
  self: '仅本人',
};

/** 三员分立: the three separated administrator kinds. */
export const ADMIN_KINDS = ['system', 'security', 'audit'] as const;
export const AdminKind = z.enum(ADMIN_KINDS);
export type AdminKind = z.infer<typeof AdminKind>;
