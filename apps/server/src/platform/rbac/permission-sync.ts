import { ADMIN_ROLE_PERMISSIONS } from '@shtp/core/platform';
import { systemActor } from '../audit/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import type { RecordIntegrity } from '../integrity/record-integrity.ts';
import type { PermissionRegistry } from './permission-registry.ts';
import { permissionSyncRepository as repo } from './permission-sync.repository.ts';

/**
 * At start, gives the built-in roles the permissions that are new to the catalogue since the last start (a module
 * or platform feature added them): administrator roles their fixed set, business roles what modules propose.
 * Only new codes are granted, so a permission an administrator took away from a business role stays away.
 * The changed roles' integrity MACs (C2) are refreshed in the same transaction. Returns how many grants were added.
 */
export async function syncBuiltInRoleGrants(db: Db, registry: PermissionRegistry, integrity: RecordIntegrity): Promise<number> {
  return db.transaction(async (tx) => {
    const known = await repo.knownCodes(tx);
    const fresh = new Set(registry.allCodes().filter((c) => !known.has(c)));
    if (fresh.size === 0) return 0;
    const roles = await repo.builtInRoles(tx);
    let added = 0;
    const changed: number[] = [];
    for (const role of roles) {
      const wanted = role.admin_kind ? ADMIN_ROLE_PERMISSIONS[role.admin_kind] : registry.proposedFor(role.code);
      const grants = wanted.filter((p) => fresh.has(p));
      if (grants.length === 0) continue;
      const granted = await repo.grant(tx, role.id, grants);
      if (granted > 0) {
        added += granted;
        changed.push(role.id);
      }
    }
    await repo.addToCatalogue(tx, [...fresh]);
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
