import { and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { defineRollup } from '../../../platform/db/rollup.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { pdaDevices } from '../../../platform/transport/transport.table.ts';
import { enfDeviceReadingDays } from '../enforcement.table.ts';

/** P5 readings and linked readings per Beijing day and device (N2/N3), raised by the repository that writes readings. */
export const READING_DAYS = defineRollup(
  enfDeviceReadingDays,
  [enfDeviceReadingDays.day, enfDeviceReadingDays.deviceCode],
  [enfDeviceReadingDays.readings, enfDeviceReadingDays.linked],
);

/**
 * P5 data scope over a device code column: a reading belongs to the department that holds its tester in 终端管理 (the
 * device's registration), so a detachment sees its own testers' data and the city sees all; a reading of a tester no
 * longer registered only the city.
 */
export function heldDevices(principal: Principal, deviceCode: AnyPgColumn): SQL | undefined {
  const scope = scopeCondition(principal, { department: pdaDevices.departmentId });
  return scope ? sql`lower(${deviceCode}) in (select lower(${pdaDevices.code}) from ${pdaDevices} where ${scope})` : undefined;
}

/** The rollup rows of the P5 statistics: scope, device and Beijing days, as the raw readings' filter. */
export function readingDaysWhere(principal: Principal, q: { deviceCode?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const t = enfDeviceReadingDays;
  return and(
    heldDevices(principal, t.deviceCode),
    q.deviceCode ? eq(t.deviceCode, q.deviceCode) : undefined,
    q.from ? gte(t.day, q.from) : undefined,
    q.to ? lte(t.day, q.to) : undefined,
  );
}
