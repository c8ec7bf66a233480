import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { PLATE_SEQUENCE_LETTERS } from '@shtp/core/validators';
import type { EbikeIds, SyntheticPerson } from '@shtp/testkit';
import type { Platform } from '../../../platform/platform.ts';
import { demoPopulationJob } from '../ebike.jobs.ts';
import { SIGNED_TYPE, SNAPSHOT_CONTEXT, signedFields } from '../ebike-ledger.ts';
import { platesRepository } from '../plates.repository.ts';
import { changesOf, ownerColumns, ownerFieldJobs, type VehicleRecord, vehicleColumns } from '../vehicle-record.ts';
import { type DemoVehicle, demoPopulationRepository as repo } from './demo-population.repository.ts';

/**
 * Demo data for a new non-production database: a synthetic Shanghai e-bike population (DEMO_EBIKES, default
 * 200 000) with plausible histories, filled in the background in batches so `npm start` is usable at once,
 * plus a free plate pool per district detachment. Every identity comes from the test kit's seeded generator
 * (@shtp/testkit: valid check digits, nobody's real data). The kit is demo and test data, not production code: it is
 * imported dynamically inside the job (the type import above is erased), and the job is registered only in
 * development (ebike.module.ts), so a production server never loads it (it is a devDependency of @shtp/server).
 */
/** Vehicles prepared (encrypted and signed on the CPU pool) together. */
const BATCH = 50;
/** Vehicles written per transaction: the embedded database (PGlite) runs its statements on the request thread. */
const WRITE_EVERY = 5;
/** A breath between batches, so that the console stays responsive while the population fills in. */
const PAUSE_MS = 50;
const COLOURS = 'ABCEGHJ';
const DAY = 86_400_000;
/** Registrations spread from the regulation's start (2021-05-01) to the end of the demo window. */
const FROM = Date.UTC(2021, 4, 1);
const TO = Date.UTC(2026, 9, 31);

export function demoEbikeCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.DEMO_EBIKES ?? 200_000);
  return Number.isInteger(n) && n >= 0 ? n : 200_000;
}

export function registerDemoPopulation(platform: Platform): void {
  platform.jobs.register(
    demoPopulationJob,
    async ({ total, seed }, { db, signal, progress, giveWay }) => {
      const kit = await import('@shtp/testkit');
      const detachments = await repo.districtDetachments(db);
      const byDistrict = new Map(detachments.map((d) => [d.code.slice(0, 6), d.id]));
      await ensurePools(platform, [...byDistrict.values()]);
      const done = await repo.vehicleCount(db, FROM);
      const rng = new kit.Rng(seed);
      const ids = kit.ebikeIds(rng.fork('ids'), { count: total });
      const owners = kit.people(rng.fork('owners'), { count: total });
      const buyers = kit.people(rng.fork('buyers'), { count: total });
      const histories = rng.fork('histories');
      await progress(done, total);
      for (let i = 0; i < done; i++) {
        ids.next();
        owners.next();
        buyers.next();
      }
      for (let start = done; start < total && !signal.aborted; start += BATCH) {
        const rows: Row[] = [];
        for (let i = start; i < Math.min(start + BATCH, total); i++) {
          if (i > start && (i - start) % WRITE_EVERY === 0) await yieldToEventLoop();
          const v = ids.next().value as EbikeIds;
          const p = owners.next().value as SyntheticPerson;
          const buyer = buyers.next().value as SyntheticPerson;
          const registeredAt = new Date(FROM + Math.floor(histories.int(0, Math.floor((TO - FROM) / DAY))) * DAY + histories.int(8, 17) * 3_600_000);
          const r = histories.int(0, 99);
          const extra = r < 15 ? 'change' : r < 25 ? 'transfer' : r < 27 ? 'theft' : r < 30 ? 'cancel' : null;
          rows.push(
            demoRow(kit, histories, { ids: v, owner: p, buyer, registeredAt, extra, departmentId: byDistrict.get(p.districtCode) ?? detachments[0]!.id }),
          );
        }
        await giveWay();
        await insertBatch(platform, db, rows, start);
        await progress(start + rows.length, total);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
      // Stopped by a shutdown: fail, so that the job runs again after the restart and resumes where it stopped.
      if (signal.aborted) throw new Error('演示数据生成被服务停止中断，重启后继续');
    },
    { timeoutMs: 6 * 3_600_000 },
  );
}

type Row = {
  record: VehicleRecord;
  departmentId: number;
  registeredAt: Date;
  extra: 'change' | 'transfer' | 'theft' | 'cancel' | null;
  /** Who a transferred vehicle went to. */
  buyer: VehicleRecord['owner'];
};

type Kit = typeof import('@shtp/testkit');

/** A demo vehicle's record from the generator's identities (deterministic from the random stream). */
function demoRow(
  kit: Kit,
  histories: InstanceType<Kit['Rng']>,
  r: { ids: EbikeIds; owner: SyntheticPerson; buyer: SyntheticPerson; registeredAt: Date; extra: Row['extra']; departmentId: number },
): Row {
  const v = r.ids;
  return {
    departmentId: r.departmentId,
    registeredAt: r.registeredAt,
    extra: r.extra,
    buyer: kit.ebikeOwner(r.buyer),
    record: {
      vehicleType: 'ebike',
      zcbm: v.frameCode,
      motorNo: v.motorNumber,
      brand: v.brand,
      model: `${v.brand.slice(0, 1).toUpperCase()}${histories.int(10, 99)}`,
      colours: [COLOURS[histories.int(0, COLOURS.length - 1)]!] as VehicleRecord['colours'],
      cccCertNo: `20${histories.int(19, 26)}0111${String(histories.int(0, 99_999_999)).padStart(8, '0')}`,
      hgzNo: null,
      batteryType: histories.chance(0.7) ? 'lithium' : 'lead_acid',
      batteryVoltage: histories.chance(0.8) ? 48 : 36,
      purchaseDate: new Date(r.registeredAt.getTime() - histories.int(1, 14) * DAY).toISOString().slice(0, 10),
      acquireWay: 'purchase',
      originProof: String(histories.int(10_000_000, 99_999_999)),
      plate: v.plate,
      plateKind: histories.chance(0.08) ? 'K' : 'P',
      owner: kit.ebikeOwner(r.owner),
      stolen: false,
      locked: false,
      cancelled: false,
    },
  };
}

/** Paper-era registrations of the demo, accepted before this (their archives are past any retention period). */
export const LEGACY_BEFORE = new Date(Date.UTC(1996, 0, 1));
const LEGACY_COUNT = 3;

/**
 * A few registrations migrated from the paper era (1993–1995, long cancelled), in 黄浦 where the demo accounts work,
 * whatever DEMO_EBIKES says: the archive's demo files their pages so that 到期处置 has archives past the retention
 * period (the archive's minimum is one year, its default thirty). Once per database; development only.
 */
export async function seedLegacyDemo(platform: Platform): Promise<void> {
  const db = platform.db;
  if ((await repo.legacyCount(db, LEGACY_BEFORE)) > 0) return;
  const kit = await import('@shtp/testkit');
  const huangpu = (await repo.districtDetachments(db)).find((d) => d.code === '310101000000');
  if (!huangpu) return;
  const rng = new kit.Rng(19940601);
  const ids = kit.ebikeIds(rng.fork('ids'), { count: LEGACY_COUNT });
  const owners = kit.people(rng.fork('owners'), { count: LEGACY_COUNT * 2 });
  const histories = rng.fork('histories');
  const rows = Array.from({ length: LEGACY_COUNT }, (_, i) =>
    demoRow(kit, histories, {
      ids: ids.next().value as EbikeIds,
      owner: owners.next().value as SyntheticPerson,
      buyer: owners.next().value as SyntheticPerson,
      registeredAt: new Date(Date.UTC(1993 + i, histories.int(0, 11), histories.int(1, 28), histories.int(1, 9))),
      extra: 'cancel',
      departmentId: huangpu.id,
    }),
  );
  await insertBatch(platform, db, rows, 0);
}

/**
 * Prepares a batch outside any transaction — ids reserved; the owners' fields and the snapshots encrypted and every
 * ledger entry signed on the CPU pool's threads — and then writes it a few vehicles per short transaction, with a
 * turn of the event loop between them: the embedded database (PGlite) runs each statement on the request thread.
 * Each transaction holds whole vehicles, so that a job resumed after a stop continues from the count of vehicles.
 */
async function insertBatch(platform: Platform, db: Platform['db'], rows: Row[], start: number): Promise<void> {
  const ids = await repo.reserveVehicleIds(db, rows.length);
  const lasts = rows.map(lastState);
  let n = start * 2;
  const drafts = rows.map((r, k) => {
    let before: VehicleRecord | null = null;
    return history(r).map((s) => {
      const snapshot = JSON.stringify({ before, after: s.after });
      // Migrated records: already in 六合一, so their upload state is done.
      const b = {
        lsh: `${s.at.toISOString().slice(2, 10).replaceAll('-', '')}9${String(n++).padStart(6, '0')}`,
        vehicleId: ids[k]!,
        type: s.type,
        ywlx: s.ywlx,
        ywyy: null,
        reason: s.reason,
        changes: changesOf(before, s.after),
        correctsId: null,
        operatorId: null,
        operatorName: '历史数据迁移',
        departmentId: r.departmentId,
        createdAt: s.at,
        requestKey: null,
        uploadStatus: 'done',
        uploadedAt: s.at,
      };
      before = s.after;
      return { b, snapshot };
    });
  });
  const owners = lasts.map((last) => ownerFieldJobs(last.owner));
  const entries = drafts.flat();
  const protectedValues = await platform.fields.protectMany(platform.cpu, [
    ...owners.flat(),
    ...entries.map((e) => ({ seal: e.snapshot, context: SNAPSHOT_CONTEXT })),
  ]);
  let next = 0;
  const take = (count: number) => {
    next += count;
    return protectedValues.slice(next - count, next);
  };
  const vehicles: DemoVehicle[] = rows.map((r, k) => ({
    id: ids[k]!,
    ...vehicleColumns(lasts[k]!),
    ...ownerColumns(lasts[k]!.owner, take(owners[k]!.length)),
    departmentId: r.departmentId,
    registeredAt: r.registeredAt,
    version: 1,
  }));
  const sealed = entries.map((e) => ({ ...e.b, snapshotEnc: take(1)[0]! }));
  const signed = await platform.signer.signMany(
    platform.cpu,
    SIGNED_TYPE,
    sealed.map((b, i) => ({ id: b.lsh, fields: signedFields(b, entries[i]!.snapshot) })),
  );
  const businesses = sealed.map((b, i) => ({ ...b, signature: signed[i]!.signature, signKeyVersion: signed[i]!.keyVersion }));
  for (let from = 0; from < rows.length; from += WRITE_EVERY) {
    if (from > 0) await yieldToEventLoop();
    const part = new Set(ids.slice(from, from + WRITE_EVERY));
    await db.transaction(async (tx) => {
      await repo.insertVehicles(
        tx,
        vehicles.filter((v) => part.has(v.id)),
      );
      await repo.insertBusinesses(
        tx,
        businesses.filter((b) => part.has(b.vehicleId)),
      );
      await repo.allocatePlates(
        tx,
        rows
          .map((r, k) => ({ r, vehicleId: ids[k]! }))
          .filter(({ r, vehicleId }) => part.has(vehicleId) && !lastState(r).cancelled)
          .map(({ r, vehicleId }) => ({ plate: r.record.plate!, plateKind: r.record.plateKind, departmentId: r.departmentId, vehicleId })),
      );
    });
  }
}

interface Step {
  type: string;
  ywlx: string | null;
  reason: string | null;
  at: Date;
  after: VehicleRecord;
}

/** The demo history of a vehicle: its registration and, for some, one later business. */
function history(r: Row): Step[] {
  const steps: Step[] = [{ type: 'register', ywlx: 'A', reason: null, at: r.registeredAt, after: r.record }];
  const at = new Date(Math.min(r.registeredAt.getTime() + 200 * DAY, TO));
  const after = lastState(r);
  switch (r.extra) {
    case 'change':
      steps.push({ type: 'change', ywlx: 'D', reason: null, at, after });
      break;
    case 'transfer':
      steps.push({ type: 'transfer', ywlx: 'B', reason: null, at, after: { ...after } });
      break;
    case 'theft':
      steps.push({ type: 'theft', ywlx: null, reason: '停放时失窃', at, after });
      break;
    case 'cancel':
      steps.push({ type: 'cancel', ywlx: 'G', reason: '不再使用', at, after });
      break;
  }
  return steps;
}

/** The state after the vehicle's last demo business (deterministic from the row). */
function lastState(r: Row): VehicleRecord {
  const v = r.record;
  switch (r.extra) {
    case 'change':
      return { ...v, colours: [v.colours[0] === 'J' ? 'A' : 'J'] as VehicleRecord['colours'] };
    case 'transfer':
      return { ...v, owner: r.buyer };
    case 'theft':
      return { ...v, stolen: true };
    case 'cancel':
      return { ...v, cancelled: true };
    default:
      return v;
  }
}

const POOL_LETTERS = PLATE_SEQUENCE_LETTERS;

/** Plate numbers added per statement: each runs on the request thread (PGlite), a turn of the event loop between. */
const POOL_STEP = 200;

/**
 * A free pool for each district detachment (1 000 ordinary, 200 专用 numbers), numbers already taken skipped. Added a
 * few hundred numbers per statement, each on its own (idempotent: a run stopped half-way is completed by the next).
 */
async function ensurePools(platform: Platform, departmentIds: number[]): Promise<void> {
  for (const [i, departmentId] of departmentIds.entries()) {
    const letter = POOL_LETTERS[i % POOL_LETTERS.length];
    for (const [plateKind, prefix, count] of [
      ['P', `沪${letter}9`, 1000],
      ['K', `沪${letter}8`, 200],
    ] as const) {
      for (let from = 0; from < count; from += POOL_STEP) {
        await yieldToEventLoop();
        await platesRepository.addSeries(platform.db, { departmentId, plateKind, prefix, width: 5, from, to: Math.min(from + POOL_STEP, count) - 1 });
      }
    }
  }
}
