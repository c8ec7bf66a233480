import { systemActor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { hashPassword } from '../../platform/auth/password-hash.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import { staffRecognitionRepository as repo } from './staff-recognition.repository.ts';

/** A police-zone account as it crossed on `police-users`: enabled with its masked name and internet roles, or disabled. */
export interface RecognisedStaffRecord {
  key: string;
  data: {
    status: 'active' | 'disabled';
    username?: string;
    displayName?: string;
    departmentCode?: string;
    roles?: string[];
    /** The initial password the officer asked for in the police zone (opened from its seal for this applier only). */
    initialPassword?: string;
    initialPasswordIssuedAt?: string;
  };
}

/** Stands in for a password hash: no password verifies against it (until the officer's initial password crosses, or a reset). */
const NO_PASSWORD = '!';

/**
 * G5/G13 user mutual recognition (internet zone), in the package's transaction: an enabled police account gets (or
 * keeps) a local account with the roles the police zone mapped it to (business roles only, never a 三员 role), its
 * name as it crossed (masked) and no usable password; a disabled or removed one disables its local account. A
 * username already used by a local account of this zone gets the suffix `.gaw`; if that is taken too, it is skipped.
 * An initial password issued in the police zone after the last one applied becomes the account's password, to be
 * changed at the first sign-in (its sessions end; audited without the password).
 */
export async function recogniseStaff(platform: Platform, tx: Tx, records: readonly RecognisedStaffRecord[]): Promise<void> {
  const touched: number[] = [];
  for (const { key, data } of records) {
    const local = await repo.localUser(tx, key);
    if (data.status !== 'active' || !data.username || !data.displayName) {
      if (local !== undefined) {
        await repo.updateUser(tx, local.userId, { status: 'disabled' });
        touched.push(local.userId);
      }
      continue;
    }
    const roleIds = await repo.roleIds(tx, data.roles ?? []);
    const departmentId = await repo.departmentFor(tx, data.departmentCode ?? '');
    let userId = local?.userId;
    if (userId !== undefined) {
      await repo.updateUser(tx, userId, { displayName: data.displayName, departmentId, status: 'active' });
      await repo.setRoles(tx, userId, roleIds);
    } else {
      let chosen: string | undefined;
      for (const candidate of [data.username, `${data.username}.gaw`]) {
        if (await repo.usernameFree(tx, candidate)) {
          chosen = candidate;
          break;
        }
      }
      if (!chosen) continue;
      userId = await repo.insertUser(tx, {
        username: chosen,
        displayName: data.displayName,
        departmentId,
        passwordHash: NO_PASSWORD,
        passwordChangeReason: 'reset',
        status: 'active',
      });
      await repo.link(tx, key, userId);
      await repo.setRoles(tx, userId, roleIds);
    }
    touched.push(userId);
    await applyInitialPassword(platform, tx, key, userId, data, local?.initialPasswordIssuedAt ?? null);
  }
  // The accounts' integrity MACs (AU-9) follow the change, or the verification job would report them as tampered with.
  if (touched.length > 0) await platform.integrity.refresh(tx, 'user', touched);
}

async function applyInitialPassword(
  platform: Platform,
  tx: Tx,
  key: string,
  userId: number,
  data: RecognisedStaffRecord['data'],
  lastApplied: Date | null,
): Promise<void> {
  if (!data.initialPassword || !data.initialPasswordIssuedAt) return;
  const issuedAt = new Date(data.initialPasswordIssuedAt);
  if (Number.isNaN(issuedAt.getTime()) || (lastApplied && issuedAt <= lastApplied)) return;
  const hash = await hashPassword(data.initialPassword, await platform.params.get(platform.authParams.iterations));
  await authRepository.setPassword(tx, userId, hash, 'reset');
  await authRepository.deleteUserSessions(tx, userId);
  await repo.initialPasswordApplied(tx, key, issuedAt);
  await audit(tx, systemActor('数据交换 police-users'), {
    action: 'user.password.recognised',
    targetType: 'user',
    targetId: userId,
    details: { username: data.username, issuedAt: data.initialPasswordIssuedAt },
  });
}
