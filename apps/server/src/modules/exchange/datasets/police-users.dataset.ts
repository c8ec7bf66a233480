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

/**
 * The records of a page of changed police accounts: an enabled account holding a mapped role crosses with its
 * username, masked name, department code and internet roles; any other account crosses only as `disabled`, and only
 * if it crossed before (nothing of the accounts that never had a mapped role leaves the police zone).
 */
export function staffRecords(items: readonly StaffChange[], mapping: ReadonlyMap<string, string[]>, sentBefore: ReadonlySet<string>): ExchangeRecord[] {
  const records: ExchangeRecord[] = [];
  for (const u of items) {
    const key = `police-user-${u.id}`;
    const roles = [...new Set(u.roleCodes.flatMap((c) => mapping.get(c) ?? []))].sort();
    if (u.enabled && roles.length > 0) {
      records.push({
        key,
        version: u.version,
        data: { username: u.username, displayName: u.displayName, departmentCode: u.departmentCode, roles, status: 'active' },
      });
    } else if (sentBefore.has(key)) records.push({ key, version: u.version, data: { status: 'disabled' } });
  }
  return records;
}

/**
 * 警务用户互认 (police → internet, G5/G13 user mutual recognition): police accounts that the police zone maps to
 * internet back-office roles (`exchange.recognisedRoles`), incremental by watermark on the account's change time.
 * No password hash, 警号 or login data has a rule: none leaves. The name is masked (SECURITY.md §2: first character).
 */
export function policeUsersDataSet(
  system: () => SystemApi,
  recognisedRoles: () => Promise<readonly string[]>,
  keysEverSent: (keys: readonly string[]) => Promise<Set<string>>,
): DataSet {
  return {
    channel: 'police-users',
    businessType: '警务用户互认',
    schemaVersion: 1,
    from: 'police',
    rules: { username: 'none', displayName: 'name', departmentCode: 'none', roles: 'none', status: 'none' },
    read: settledSource(
      (after: { at: string; id: number } | null, before, limit) =>
        system()
          .staffChangedAfter(after, before, limit)
          .then((items) => ({ items, next: items.length > 0 ? { at: items.at(-1)!.changedAt, id: items.at(-1)!.id } : after })),
      async (items) => staffRecords(items, roleMapping(await recognisedRoles()), await keysEverSent(items.map((u) => `police-user-${u.id}`))),
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
