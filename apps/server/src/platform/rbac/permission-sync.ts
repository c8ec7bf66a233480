import { ADMIN_ROLE_PERMISSIONS, type AdminKind } from '@shtp/core';
import { sql } from 'drizzle-orm';
import { systemActor } from '../audit/actor.ts';
import { audit } from '../audit/audit.ts';
import { type Db, queryRows } from '../db/client.ts';
import type { RecordIntegrity } from '../integrity/record-integrity.ts';
import type { PermissionRegistry } from './permission-registry.ts';
import { permissionCatalogue, rolePermissions } from './rbac.table.ts';

/**
 * At start, gives the built-in roles the permissions that are new to the catalogue since the last start (a module
 * or platform feature added them): administrator roles their fixed set, business roles what modules propose.
 * Only new codes are granted, so a permission an administrator took away from a business role stays away.
 * The changed roles' integrity MACs (C2) are refreshed in the same transaction. Returns how many grants were added.
 */
export async function syncBuiltInRoleGrants(db: Db, registry: PermissionRegistry, integrity: RecordIntegrity): Promise<number> {
  return db.transaction(async (tx) => {
    const known = new Set((await queryRows<{ code: string }>(tx, sql`select code from permission_catalogue`)).map((r) => r.code));
    const fresh = new Set(registry.allCodes().filter((c) => !known.has(c)));
    if (fresh.size === 0) return 0;
    const roles = await queryRows<{ id: number; code: string; admin_kind: AdminKind | null }>(tx, sql`select id, code, admin_kind from roles where built_in`);
    let added = 0;
    const changed: number[] = [];
    for (const role of roles) {
      const wanted = role.admin_kind ? ADMIN_ROLE_PERMISSIONS[role.admin_kind] : registry.proposedFor(role.code);
      const grants = wanted.filter((p) => fresh.has(p));
      if (grants.length === 0) continue;
      const inserted = await tx
        .insert(rolePermissions)
        .values(grants.map((permission) => ({ roleId: role.id, permission })))
        .onConflictDoNothing()
        .returning({ permission: rolePermissions.permission });
      if (inserted.length > 0) {
        added += inserted.length;
        changed.push(role.id);
      }
    }
    await tx
      .insert(permissionCatalogue)
      .values([...fresh].map((code) => ({ code })))
      .onConflictDoNothing();
    await integrity.refresh(tx, 'role', changed);
    if (added > 0)
      await audit(tx, systemActor('permission sync at start-up'), {
        action: 'permission.sync',
        targetType: 'role',
        details: { newPermissions: fresh.size, grantsAdded: added },
      });
    return added;
  });
}
