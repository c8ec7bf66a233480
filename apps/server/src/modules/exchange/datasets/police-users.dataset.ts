import type { RecognisedStaffRecord, StaffChange, SystemApi } from '../../system/system.api.ts';
import type { Applier } from '../inbound.service.ts';
import type { ExchangeRecord } from '../package/package-format.ts';
import { type DataSet, settledSource } from './dataset.ts';

/** "police role code|internet role code" entries of `exchange.recognisedRoles`, as a map. */
export function roleMapping(entries: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of entries) {
    const [police = '', internet = ''] = e.split('|');
    map.set(police, [...(map.get(police) ?? []), internet]);
  }
  return map;
}

/** An internet-zone initial password the officer asked for (clear here; the data set seals it before the outbox). */
export interface IssuedStaffPassword {
  password: string;
  issuedAt: string;
}

/**
 * The records of a page of changed police accounts: an enabled account holding a mapped role crosses with its
 * username, masked name, department code and internet roles (and the initial password it asked for lately, if any);
 * any other account crosses only as `disabled`, and only if it crossed before (nothing of the accounts that never had
 * a mapped role leaves the police zone).
 */
export function staffRecords(
  items: readonly StaffChange[],
  mapping: ReadonlyMap<string, string[]>,
  sentBefore: ReadonlySet<string>,
  passwords: ReadonlyMap<number, IssuedStaffPassword> = new Map(),
): ExchangeRecord[] {
  const records: ExchangeRecord[] = [];
  for (const u of items) {
    const key = `police-user-${u.id}`;
    const roles = [...new Set(u.roleCodes.flatMap((c) => mapping.get(c) ?? []))].sort();
    if (u.enabled && roles.length > 0) {
      records.push({
        key,
        version: u.version,
        data: {
          username: u.username,
          displayName: u.displayName,
          departmentCode: u.departmentCode,
          roles,
          status: 'active',
          ...initialPasswordOf(passwords.get(u.id)),
        },
      });
    } else if (sentBefore.has(key)) records.push({ key, version: u.version, data: { status: 'disabled' } });
  }
  return records;
}

const initialPasswordOf = (p: IssuedStaffPassword | undefined) => (p ? { initialPassword: p.password, initialPasswordIssuedAt: p.issuedAt } : {});

/**
 * 警务用户互认 (police → internet, G5/G13 user mutual recognition): police accounts that the police zone maps to
 * internet back-office roles (`exchange.recognisedRoles`), incremental by watermark on the account's change time.
 * No password hash, 警号 or login data has a rule: none leaves. The name is masked (SECURITY.md §2: first character).
 * An initial password the officer asked for in this zone (staff-password.service.ts) crosses sealed: SM2-encrypted to
 * the internet zone's exchange key before the outbox, opened only by the applier there.
 */
export function policeUsersDataSet(
  system: () => SystemApi,
  recognisedRoles: () => Promise<readonly string[]>,
  keysEverSent: (keys: readonly string[]) => Promise<Set<string>>,
  issuedPasswords: (userIds: readonly number[]) => Promise<ReadonlyMap<number, IssuedStaffPassword>>,
): DataSet {
  return {
    channel: 'police-users',
    businessType: '警务用户互认',
    schemaVersion: 1,
    from: 'police',
    rules: {
      username: 'none',
      displayName: 'name',
      departmentCode: 'none',
      roles: 'none',
      status: 'none',
      initialPassword: 'none',
      initialPasswordIssuedAt: 'none',
    },
    sealed: ['initialPassword'],
    read: settledSource(
      (after: { at: string; id: number } | null, before, limit) =>
        system()
          .staffChangedAfter(after, before, limit)
          .then((items) => ({ items, next: items.length > 0 ? { at: items.at(-1)!.changedAt, id: items.at(-1)!.id } : after })),
      async (items) =>
        staffRecords(
          items,
          roleMapping(await recognisedRoles()),
          await keysEverSent(items.map((u) => `police-user-${u.id}`)),
          await issuedPasswords(items.map((u) => u.id)),
        ),
    ),
  };
}

/** Internet zone: the accounts that crossed are recognised as local accounts (system module), in the package's transaction. */
export const policeUsersApplier =
  (system: () => SystemApi): Applier =>
  (tx, records) =>
    system().recogniseStaff(
      tx,
      records.map((r): RecognisedStaffRecord => ({ key: r.key, data: r.data as RecognisedStaffRecord['data'] })),
    );
