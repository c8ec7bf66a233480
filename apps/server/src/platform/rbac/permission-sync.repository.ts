import type { AdminKind } from '@shtp/core/platform';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.ts';
import { permissionCatalogue, rolePermissions } from './rbac.table.ts';

/** All SQL of the start-up permission sync: the catalogue of known codes and the built-in roles' grants. */
export const permissionSyncRepository = {
  async knownCodes(tx: Tx): Promise<Set<string>> {
    return new Set((await queryRows<{ code: string }>(tx, sql`select code from permission_catalogue`)).map((r) => r.code));
  },

  builtInRoles(tx: Tx): Promise<{ id: number; code: string; admin_kind: AdminKind | null }[]> {
    return queryRows(tx, sql`select id, code, admin_kind from roles where built_in`);
  },

  /** Grants what the role lacks of these permissions; returns how many were new. */
  async grant(tx: Tx, roleId: number, permissions: string[]): Promise<number> {
    const inserted = await tx
      .insert(rolePermissions)
      .values(permissions.map((permission) => ({ roleId, permission })))
      .onConflictDoNothing()
      .returning({ permission: rolePermissions.permission });
    return inserted.length;
  },

  async addToCatalogue(tx: Tx, codes: string[]): Promise<void> {
    await tx
      .insert(permissionCatalogue)
      .values(codes.map((code) => ({ code })))
      .onConflictDoNothing();
  },
};
