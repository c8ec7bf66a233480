/**
 * The internet zone's G6 population as the exchange leaves it in `exchange_records` (what POST
 * /api/payments/violation-query reads): `violations` records (a 处罚决定书 each, plate masked, with the possession digest
 * of plate + last 6 of the VIN, `possession.ts`) and `motor-vehicles` records (every registered vehicle, with its
 * digest, so that a vehicle held without violations answers an empty list). Vehicle n has plate 沪 + letter + 5 digits
 * and a VIN whose tail is a mix of n; vehicles 1…withViolations have 1–3 decisions each (n mod 3 + 1, two on average).
 * The digests (SM3, not in PostgreSQL) and masked plates are computed here and handed over once in a staging table;
 * the records are then written set-based, the possession index rebuilt after the load.
 */
import { maskPlate } from '@shtp/core/masking';
import { possessionDigest } from '@shtp/server/exchange/possession';
import type pg from 'pg';
import { dropForLoad, inParallel } from './ebike-load.ts';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PER_LETTER = 100_000;
/** The plate space (沪 + one of 24 letters + 5 digits), which bounds the number of vehicles. */
export const MAX_VEHICLES = LETTERS.length * PER_LETTER;
const STAGE = 20_000;
const CHUNK = 100_000;

export const plateOf = (n: number) => `沪${LETTERS[Math.floor((n - 1) / PER_LETTER)]}${String((n - 1) % PER_LETTER).padStart(5, '0')}`;
/** The last 6 characters of vehicle n's VIN (a serial: digits), scattered so that neighbours share nothing. */
export const vinTailOf = (n: number) => String((Math.imul(n, 2_654_435_761) >>> 0) % 1_000_000).padStart(6, '0');
/** Decisions of vehicle n (0 for the vehicles held without violations). */
export const decisionsOf = (n: number, withViolations: number) => (n <= withViolations ? 1 + (n % 3) : 0);

/** What the law's codes look like on a decision: code and text, points, fine in fen. */
const ACTS = [
  ['1625 驾驶机动车违反道路交通信号灯通行的', 6, 20_000],
  ['1039 机动车违反规定停放、临时停车，驾驶人不在现场或者虽在现场但拒绝立即驶离，妨碍其他车辆、行人通行的', 0, 20_000],
  ['1352 驾驶中型以上载客载货汽车、危险物品运输车辆以外的其他机动车行驶超过规定时速10%未达20%的', 1, 10_000],
  ['1344 机动车违反禁止标线指示的', 3, 20_000],
  ['1301 机动车不按规定车道行驶的', 0, 10_000],
] as const;
const PLACES = ['人民路与西藏中路路口', '延安高架路（江苏路下匝道）', '中山北路3000号', '世纪大道与浦东南路路口', '沪闵路漕宝路口', '南京西路1266号'];

const sqlArray = (values: readonly (string | number)[]) => `array[${values.map((v) => (typeof v === 'number' ? v : `'${v}'`)).join(',')}]`;

/** Loads the population; returns the counts written. */
export async function loadViolationPopulation(pool: pg.Pool, vehicles: number, withViolations: number): Promise<{ violations: number; vehicles: number }> {
  await pool.query('create unlogged table bench_vq_vehicles (n int primary key, plate text not null, possession text not null)');
  const stages = Array.from({ length: Math.ceil(vehicles / STAGE) }, (_, k) => [1 + k * STAGE, Math.min((k + 1) * STAGE, vehicles)] as const);
  await inParallel(pool, 2, stages, async (c, [lo, hi]) => {
    const ns: number[] = [];
    const plates: string[] = [];
    const digests: string[] = [];
    for (let n = lo; n <= hi; n++) {
      ns.push(n);
      plates.push(maskPlate(plateOf(n))!);
      digests.push(possessionDigest(plateOf(n), vinTailOf(n)));
    }
    await c.query('insert into bench_vq_vehicles select * from unnest($1::int[], $2::text[], $3::text[])', [ns, plates, digests]);
  });
  const { indexes } = await dropForLoad(pool, ['exchange_records']);
  const chunks = Array.from({ length: Math.ceil(vehicles / CHUNK) }, (_, k) => [1 + k * CHUNK, Math.min((k + 1) * CHUNK, vehicles)] as const);
  await inParallel(pool, 2, chunks, async (c, [lo, hi]) => {
    // Decision seq = 3(n − 1) + j: its number, act, place, time and due date follow from it.
    await c.query(
      `insert into exchange_records (channel, business_key, version, record, package_ref, updated_at)
       select 'violations', d.no, 1, jsonb_build_object(
                'decisionNo', d.no, 'plate', v.plate,
                'occurredAt', to_char(d.at, 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
                'place', (${sqlArray(PLACES)})[1 + d.seq % ${PLACES.length}],
                'act', (${sqlArray(ACTS.map((a) => a[0]))})[1 + d.seq % ${ACTS.length}],
                'points', (${sqlArray(ACTS.map((a) => a[1]))})[1 + d.seq % ${ACTS.length}],
                'fineFen', (${sqlArray(ACTS.map((a) => a[2]))})[1 + d.seq % ${ACTS.length}],
                'dueDate', to_char(d.at + interval '16 days', 'YYYY-MM-DD'),
                'paid', false, 'possession', v.possession),
              1, d.at + interval '1 day'
         from bench_vq_vehicles v
        cross join lateral generate_series(1, 1 + v.n % 3) j
        cross join lateral (select (v.n - 1) * 3 + j as seq) s
        cross join lateral (select '3101' || lpad(s.seq::text, 11, '0') as no, s.seq,
                                   timestamp '2026-01-01' + (s.seq::bigint * 7919 % 28000000) * interval '1 second' as at) d
        where v.n between $1 and $2 and v.n <= $3`,
      [lo, hi, withViolations],
    );
    await c.query(
      `insert into exchange_records (channel, business_key, version, record, package_ref)
       select 'motor-vehicles', 'motor-' || v.n, 1, jsonb_build_object(
                'plate', v.plate, 'plateKind', '02', 'vehicleType', 'K33',
                'brand', (array['大众','丰田','别克','比亚迪','上汽荣威','特斯拉'])[1 + v.n % 6],
                'ownerName', (array['张*','王**','李*','陈**'])[1 + v.n % 4], 'ownerIdNumber', '3****************' || (v.n % 10),
                'state', 'A', 'possession', v.possession),
              1
         from bench_vq_vehicles v where v.n between $1 and $2`,
      [lo, hi],
    );
  });
  await inParallel(pool, 2, indexes, (c, statement) => c.query(statement).then(() => undefined));
  await pool.query('drop table bench_vq_vehicles');
  await pool.query('vacuum (analyze) exchange_records');
  const { rows } = await pool.query<{ channel: string; n: number }>('select channel, count(*)::int as n from exchange_records group by channel');
  const of = (channel: string) => rows.find((r) => r.channel === channel)?.n ?? 0;
  return { violations: of('violations'), vehicles: of('motor-vehicles') };
}
