import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { Platform } from '../../platform/platform.ts';
import { projectionCheckJob } from './ebike.jobs.ts';
import { type BusinessRow, ebikeRepository as repo, type VehicleWithDept } from './ebike.repository.ts';
import { SIGNED_TYPE, SNAPSHOT_CONTEXT, type Snapshot, signedFields } from './ebike-ledger.ts';
import { recordOf, sealOwner, vehicleColumns } from './vehicle-record.ts';

/** A vehicle whose row is not what its ledger says, with the items that differ ('signature': the ledger's own check failed). */
export interface ProjectionDifference {
  vehicleId: number;
  items: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The lock columns the ledger implies: those of its latest lock business while the vehicle is locked. */
function lockOf(history: BusinessRow[], locked: boolean) {
  const lock = locked ? history.find((b) => b.type === 'lock') : undefined;
  return {
    lockReason: lock?.reason ?? null,
    lockDepartmentId: lock?.departmentId ?? null,
    lockedBy: lock?.operatorName ?? null,
    lockedAt: lock ? new Date(lock.createdAt) : null,
  };
}

/**
 * Checks one vehicle against its ledger: the newest business must carry a valid SM2 signature over its fields and
 * snapshot, and its snapshot's "after" must be the row (items, owner, flags, lock). Returns what differs, and with
 * `rebuild` writes the ledger's version back (a new row version, the owner sealed again with its blind indexes).
 */
async function checkVehicle(platform: Platform, v: VehicleWithDept, rebuild: boolean): Promise<string[]> {
  const history = await repo.history(platform.db, v.id); // newest first
  const last = history[0];
  if (!last) return ['ledger'];
  const plain = await platform.fields.decrypt(last.snapshotEnc, SNAPSHOT_CONTEXT);
  if (!last.signature || last.signKeyVersion === null) return ['signature'];
  if (!(await platform.signer.verify(SIGNED_TYPE, last.lsh, signedFields(last, plain), last.signature, last.signKeyVersion))) return ['signature'];
  const expected = (JSON.parse(plain) as Snapshot).after;
  const current = await recordOf(platform.fields, v);
  const want = { ...vehicleColumns(expected), owner: expected.owner, ...lockOf(history, expected.locked) };
  const have = {
    ...vehicleColumns(current),
    owner: current.owner,
    lockReason: v.lockReason,
    lockDepartmentId: v.lockDepartmentId,
    lockedBy: v.lockedBy,
    lockedAt: v.lockedAt,
  };
  const differs = Object.keys(want).filter((k) => {
    const a = want[k as keyof typeof want];
    const b = have[k as keyof typeof have];
    // The row's lock time is taken a moment before its business is stamped: equal within a few seconds.
    if (k === 'lockedAt') return a === null || b === null ? a !== b : Math.abs(new Date(a as Date).getTime() - new Date(b as Date).getTime()) > 5_000;
    return !same(a, b);
  });
  if (rebuild && differs.length > 0) {
    const { owner: _owner, ...columns } = want;
    await repo.updateVehicle(platform.db, v.id, v.version, { ...columns, ...(await sealOwner(platform.fields, expected.owner)) });
  }
  return differs;
}

/** Walks every vehicle in keyset batches; the report (count and differences) is audited as `ebike.projection-check`. */
export async function checkProjection(platform: Platform, actor: Actor, opts: { rebuild: boolean; batch?: number }) {
  const differences: ProjectionDifference[] = [];
  let checked = 0;
  for (let after = 0; ; ) {
    const ids = await repo.vehicleIdsAfter(platform.db, after, opts.batch ?? 500);
    if (ids.length === 0) break;
    for (const id of ids) {
      const v = await repo.vehicle(platform.db, id);
      if (!v) continue;
      checked += 1;
      const items = await checkVehicle(platform, v, opts.rebuild);
      if (items.length > 0) differences.push({ vehicleId: id, items });
    }
    after = ids.at(-1)!;
  }
  await audit(platform.db, actor, {
    action: 'ebike.projection-check',
    targetType: 'nm_vehicle',
    result: differences.length > 0 && !opts.rebuild ? 'failure' : 'success',
    ...(differences.length > 0 && !opts.rebuild ? { reason: `${differences.length} 辆车的当前登记与台账不一致` } : {}),
    details: { checked, rebuild: opts.rebuild, differences: differences.slice(0, 100) },
  });
  return { checked, differences };
}

/** Nightly check (04:10 China time); the same job with `rebuild: true` restores the projection from the ledger. */
export function registerProjectionCheck(platform: Platform): void {
  platform.jobs.register(
    projectionCheckJob,
    async ({ rebuild }, { actor }) => {
      await checkProjection(platform, actor, { rebuild });
    },
    { timeoutMs: 6 * 3_600_000 },
  );
  platform.jobs.schedules.schedule('ebike-projection-check', '10 4 * * *', projectionCheckJob, { rebuild: false });
}
