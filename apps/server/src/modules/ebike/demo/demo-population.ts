import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { PLATE_SEQUENCE_LETTERS } from '@shtp/core/validators';
import type { EbikeIds, SyntheticPerson } from '@shtp/testkit';
import type { Platform } from '../../../platform/platform.ts';
import { demoPopulationJob } from '../ebike.jobs.ts';
import { SIGNED_TYPE, SNAPSHOT_CONTEXT, signedFields } from '../ebike-ledger.ts';
import { platesRepository } from '../plates.repository.ts';
import { changesOf, sealOwner, type VehicleRecord, vehicleColumns } from '../vehicle-record.ts';
import { type DemoVehicle, demoPopulationRepository as repo } from './demo-population.repository.ts';

/**
 * Demo data for a new non-production database: a synthetic Shanghai e-bike population (DEMO_EBIKES, default
 * 200 000) with plausible histories, filled in the background in batches so `npm start` is usable at once,
 * plus a free plate pool per district detachment. Every identity comes from the test kit's seeded generator
 * (@shtp/testkit: valid check digits, nobody's real data). The kit is demo and test data, not production code: it is
 * imported dynamically inside the job (the type import above is erased), and the job is registered only in
 * development (ebike.module.ts), so a production server never loads it (it is a devDependency of @shtp/server).
 */
/** Small batches: the embedded database (PGlite) runs its transactions on the request thread — 50 rows ≈ 15–30 ms. */
const BATCH = 50;
/** A breath between batches, so that the console stays responsive while the population fills in. */
const PAUSE_MS = 50;
/** Vehicles prepared between two turns of the event loop. */
const YIELD_EVERY = 10;
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
      const done = await repo.vehicleCount(db);
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
          const v = ids.next().value as EbikeIds;
          const p = owners.next().value as SyntheticPerson;
          const buyer = buyers.next().value as SyntheticPerson;
          const registeredAt = new Date(FROM + Math.floor(histories.int(0, Math.floor((TO - FROM) / DAY))) * DAY + histories.int(8, 17) * 3_600_000);
          const r = histories.int(0, 99);
          rows.push({
            departmentId: byDistrict.get(p.districtCode) ?? detachments[0]!.id,
            registeredAt,
            extra: r < 15 ? 'change' : r < 25 ? 'transfer' : r < 27 ? 'theft' : r < 30 ? 'cancel' : null,
            buyer: kit.ebikeOwner(buyer),
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
              purchaseDate: new Date(registeredAt.getTime() - histories.int(1, 14) * DAY).toISOString().slice(0, 10),
              acquireWay: 'purchase',
              originProof: String(histories.int(10_000_000, 99_999_999)),
              plate: v.plate,
              plateKind: histories.chance(0.08) ? 'K' : 'P',
              owner: kit.ebikeOwner(p),
              stolen: false,
              locked: false,
              cancelled: false,
            },
          });
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

/**
 * Prepares a batch outside any transaction — ids reserved, fields encrypted, every ledger entry signed on the CPU
 * pool's threads — and then writes it in one short transaction, so that neither the event loop nor the (embedded)
 * database is held while the signatures are computed.
 */
async function insertBatch(platform: Platform, db: Platform['db'], rows: Row[], start: number): Promise<void> {
  const ids = await repo.reserveVehicleIds(db, rows.length);
  const vehicles: DemoVehicle[] = [];
  const entries = [];
  let n = start * 2;
  for (const [k, r] of rows.entries()) {
    // Field encryption stays on this thread (cheap per value): a pause every few vehicles lets requests in between.
    if (k % YIELD_EVERY === 0) await yieldToEventLoop();
    const last = lastState(r);
    const vehicleId = ids[k]!;
    vehicles.push({
      id: vehicleId,
      ...vehicleColumns(last),
      ...(await sealOwner(platform.fields, last.owner)),
      departmentId: r.departmentId,
      registeredAt: r.registeredAt,
      version: 1,
    });
    let before: VehicleRecord | null = null;
    for (const s of history(r)) {
      const snapshot = JSON.stringify({ before, after: s.after });
      // Migrated records: already in 六合一, so their upload state is done.
      const b = {
        lsh: `${s.at.toISOString().slice(2, 10).replaceAll('-', '')}9${String(n++).padStart(6, '0')}`,
        vehicleId,
        type: s.type,
        ywlx: s.ywlx,
        ywyy: null,
        reason: s.reason,
        changes: changesOf(before, s.after),
        snapshotEnc: await platform.fields.encrypt(snapshot, SNAPSHOT_CONTEXT),
        correctsId: null,
        operatorId: null,
        operatorName: '历史数据迁移',
        departmentId: r.departmentId,
        createdAt: s.at,
        requestKey: null,
        uploadStatus: 'done',
        uploadedAt: s.at,
      };
      entries.push({ b, fields: signedFields(b, snapshot) });
      before = s.after;
    }
  }
  const signed = await platform.signer.signMany(
    platform.cpu,
    SIGNED_TYPE,
    entries.map((e) => ({ id: e.b.lsh, fields: e.fields })),
  );
  const businesses = entries.map((e, i) => ({ ...e.b, signature: signed[i]!.signature, signKeyVersion: signed[i]!.keyVersion }));
  await db.transaction(async (tx) => {
    await repo.insertVehicles(tx, vehicles);
    await repo.insertBusinesses(tx, businesses);
    await repo.allocatePlates(
      tx,
      rows
        .map((r, k) => ({ r, vehicleId: ids[k]! }))
        .filter(({ r }) => !lastState(r).cancelled)
        .map(({ r, vehicleId }) => ({ plate: r.record.plate!, plateKind: r.record.plateKind, departmentId: r.departmentId, vehicleId })),
    );
  });
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

/** A free pool for each district detachment (1 000 ordinary, 200 专用 numbers), numbers already taken skipped. */
async function ensurePools(platform: Platform, departmentIds: number[]): Promise<void> {
  if ((await repo.freePlateCount(platform.db)) > 0) return;
  await platform.db.transaction(async (tx) => {
    for (const [i, departmentId] of departmentIds.entries()) {
      const letter = POOL_LETTERS[i % POOL_LETTERS.length];
      for (const [plateKind, prefix, count] of [
        ['P', `沪${letter}9`, 1000],
        ['K', `沪${letter}8`, 200],
      ] as const) {
        await platesRepository.addSeries(tx, { departmentId, plateKind, prefix, width: 5, from: 0, to: count - 1 });
      }
    }
  });
}
