import type { Tx } from '../../platform/db/client.ts';
import type { RecordIntegrity } from '../../platform/integrity/record-integrity.ts';
import { staffRecognitionRepository as repo } from './staff-recognition.repository.ts';

/** A police-zone account as it crossed on `police-users`: enabled with its masked name and internet roles, or disabled. */
export interface RecognisedStaffRecord {
  key: string;
  data: { status: 'active' | 'disabled'; username?: string; displayName?: string; departmentCode?: string; roles?: string[] };
}

/** Stands in for a password hash: no password verifies against it (the security administrator resets it, or SSO signs in). */
const NO_PASSWORD = '!';

/**
 * G5/G13 user mutual recognition (internet zone), in the package's transaction: an enabled police account gets (or
 * keeps) a local account with the roles the police zone mapped it to (business roles only, never a 三员 role), its
 * name as it crossed (masked) and no usable password; a disabled or removed one disables its local account. A
 * username already used by a local account of this zone gets the suffix `.gaw`; if that is taken too, it is skipped.
 */
export async function recogniseStaff(integrity: RecordIntegrity, tx: Tx, records: readonly RecognisedStaffRecord[]): Promise<void> {
  const touched: number[] = [];
  for (const { key, data } of records) {
    const local = await repo.localUser(tx, key);
    if (data.status !== 'active' || !data.username || !data.displayName) {
      if (local !== undefined) {
        await repo.updateUser(tx, local, { status: 'disabled' });
        touched.push(local);
      }
      continue;
    }
    const roleIds = await repo.roleIds(tx, data.roles ?? []);
    const departmentId = await repo.departmentFor(tx, data.departmentCode ?? '');
    if (local !== undefined) {
      await repo.updateUser(tx, local, { displayName: data.displayName, departmentId, status: 'active' });
      await repo.setRoles(tx, local, roleIds);
      touched.push(local);
      continue;
    }
    let chosen: string | undefined;
    for (const candidate of [data.username, `${data.username}.gaw`]) {
      if (await repo.usernameFree(tx, candidate)) {
        chosen = candidate;
        break;
      }
    }
    if (!chosen) continue;
    const id = await repo.insertUser(tx, {
      username: chosen,
      displayName: data.displayName,
      departmentId,
      passwordHash: NO_PASSWORD,
      passwordChangeReason: 'reset',
      status: 'active',
    });
    await repo.link(tx, key, id);
    await repo.setRoles(tx, id, roleIds);
    touched.push(id);
  }
  // The accounts' integrity MACs (AU-9) follow the change, or the verification job would report them as tampered with.
  if (touched.length > 0) await integrity.refresh(tx, 'user', touched);
}
