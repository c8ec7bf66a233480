/**
 * Bulk load of a synthetic e-bike population for tools/bench/ebike.bench.ts, generated inside PostgreSQL with
 * `insert … select … from generate_series` (no rows cross the network). Every key is derived from the row number by
 * a permutation, so plates, 整车编码 and motor numbers are unique and scattered (not in heap order), as real
 * registrations are. Blind indexes are SHA-256 hex of the owner number: the same 64-hex shape HMAC-SM3 gives, and the
 * lookup path only compares strings. Encrypted fields have the length the real `f1.<ver>.<base64>` format gives for
 * such values (measured with @shtp/gm's aeadSeal): ID number 97, name 85, phone 85, a 50-character address 269,
 * business snapshot ~600. Nobody's real data: owners are numbers, keys are hashes.
 */
import { PLATE_SEQUENCE_LETTERS } from '@shtp/core/validators';
import { detachments, HEADQUARTERS } from '@shtp/testkit';
import type pg from 'pg';

/** Vehicles per insert statement: large enough to amortise, small enough to show progress. */
export const CHUNK = 500_000;
/** The plate space of the default e-bike shape (沪 + one of 24 letters + 6 digits), which bounds N. */
export const MAX_EBIKES = 24_000_000;
const TABLES = ['nm_vehicles', 'ebike_businesses'];

type Client = pg.Pool | pg.PoolClient;

/** The organisation the rows belong to: 总队 and one 支队 per district (the test kit's departments). */
export async function insertDepartments(client: Client): Promise<number[]> {
  const hq = await client.query<{ id: number }>(`insert into departments (code, name, level, path) values ($1, $2, $3, '/') returning id`, [
    HEADQUARTERS.code,
    HEADQUARTERS.name,
    HEADQUARTERS.level,
  ]);
  const hqId = hq.rows[0]!.id;
  await client.query(`update departments set path = '/' || id || '/' where id = $1`, [hqId]);
  const ids: number[] = [];
  for (const [i, d] of detachments().entries()) {
    const row = await client.query<{ id: number }>(
      `insert into departments (parent_id, code, name, level, sort, path) values ($1, $2, $3, $4, $5, '/') returning id`,
      [hqId, d.code, d.name, d.level, i + 1],
    );
    const id = row.rows[0]!.id;
    await client.query(`update departments set path = '/' || $1::int || '/' || id || '/' where id = $2`, [hqId, id]);
    ids.push(id);
  }
  return ids;
}

/**
 * Drops what slows a bulk insert down — the secondary indexes and the foreign keys of the big tables (the primary
 * keys stay) — and returns the statements that restore them from their own definitions, as pg_restore does: one sort
 * per index and one join per foreign key instead of millions of random insertions and per-row checks.
 */
export async function dropForLoad(client: Client, tables: readonly string[] = TABLES): Promise<{ indexes: string[]; foreignKeys: string[] }> {
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = any($1)
        and indexname not in (select conname from pg_constraint where contype in ('p', 'u'))
      order by indexname`,
    [tables],
  );
  const { rows: foreignKeys } = await client.query<{ tab: string; name: string; def: string }>(
    `select conrelid::regclass::text as tab, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where contype = 'f' and conrelid::regclass::text = any($1) order by conname`,
    [tables],
  );
  for (const f of foreignKeys) await client.query(`alter table ${f.tab} drop constraint "${f.name}"`);
  for (const i of indexes) await client.query(`drop index "${i.name}"`);
  return { indexes: indexes.map((i) => i.def), foreignKeys: foreignKeys.map((f) => `alter table ${f.tab} add constraint "${f.name}" ${f.def}`) };
}

/**
 * Base64 text the encrypted columns are cut from: 4,096 random 512-character strings, each row taking one at an
 * offset of its own. Hashing per row would cost more than the insert; the bytes need only look like ciphertext and
 * have its width (values this short are never compressed). Materialized, or the planner would compute it per row.
 */
const CIPHERTEXT = `ciphertext as materialized (select n, translate(encode(sha256(int8send(n)) || sha256(int8send(-n)) || sha256(int8send(n + 4096))
    || sha256(int8send(n + 8192)) || sha256(int8send(n + 12288)) || sha256(int8send(n + 16384)) || sha256(int8send(n + 20480))
    || sha256(int8send(n + 24576)) || sha256(int8send(n + 28672)) || sha256(int8send(n + 32768)) || sha256(int8send(n + 36864))
    || sha256(int8send(n + 40960)), 'base64'), E'\\n', '') as s from generate_series(0, 4095) as n)`;

/**
 * The lookup keys of row number `i` as a lateral subquery: the load writes them and the bench computes its sample of
 * existing keys from row numbers alone, so choosing keys reads (and warms) no page of the tables. Makers as in
 * @shtp/testkit SYNTHETIC_EBIKE_MAKERS. Row 9 of each ten shares the owner of row 8, so an owner lookup returns one
 * or two vehicles.
 */
const ROW_KEYS = `lateral (select
    '沪' || substr('${PLATE_SEQUENCE_LETTERS}', (r.p / 1000000)::int + 1, 1) || lpad((r.p % 1000000)::text, 6, '0') as plate,
    r.frame || lpad(((i * 7777777777) % 1000000000000)::text, 12, '0') as zcbm,
    r.motor || to_char(r.reg - interval '60 days', 'YYMM') || lpad(((i * 7777777) % 10000000)::text, 7, '0') as motor_no,
    encode(sha256(convert_to('owner-id:' || r.owner, 'UTF8')), 'hex') as owner_id_idx,
    encode(sha256(convert_to('phone:' || r.owner, 'UTF8')), 'hex') as owner_phone_idx,
    r.brand, r.motor, r.reg
  from (select
    (i * 7777777) % ${MAX_EBIKES} as p,
    case when i % 10 = 9 then i - 1 else i end as owner,
    timestamptz '2021-05-01 09:00+08' + ((i * 7919) % 2000) * interval '1 day' as reg,
    (array['雅迪', '爱玛', '台铃', '新日', '绿源', '小牛', '九号'])[(i % 7)::int + 1] as brand,
    (array['117', '121', '134', '142', '155', '163', '178'])[(i % 7)::int + 1] as frame,
    (array['YD', 'AM', 'TL', 'XR', 'LY', 'NIU', 'NB'])[(i % 7)::int + 1] as motor) as r) as key`;

export interface RowKeys {
  plate: string;
  zcbm: string;
  motor_no: string;
  owner_id_idx: string;
  owner_phone_idx: string;
}

/** The keys of loaded rows 1..N, computed without touching the tables. */
export async function rowKeys(client: Client, rowNumbers: number[]): Promise<RowKeys[]> {
  const { rows } = await client.query<RowKeys>(
    `select key.plate, key.zcbm, key.motor_no, key.owner_id_idx, key.owner_phone_idx
       from unnest($1::bigint[]) with ordinality as t(i, n) cross join ${ROW_KEYS} order by t.n`,
    [rowNumbers],
  );
  return rows;
}

/**
 * The owner columns of row `i`: synthetic ciphertext of the right width, or — `copyOwnersUpToId`, for benches that
 * decrypt what they read (tools/bench/http.bench.ts) — the real, server-encrypted owners of the vehicles with id up to
 * that one, in turn (a field's ciphertext is bound to its table and column, not to its row, so it opens anywhere).
 */
function ownerColumns(copyOwnersUpToId: number | undefined) {
  if (copyOwnersUpToId === undefined)
    return {
      source: '',
      join: '',
      select: `'1', 'f1.1.' || substr(c.s, o, 92), key.owner_id_idx, 'f1.1.' || substr(c.s, o + 92, 80), 'f1.1.' || substr(c.s, o + 172, 80),
       key.owner_phone_idx, 'f1.1.' || substr(c.s || c.s, o + 252, 264), left(d.code, 6)`,
    };
  return {
    source: `, owners as materialized (select row_number() over (order by id) - 1 as n, count(*) over () as total, owner_type, owner_id_enc,
       owner_id_idx, owner_name_enc, owner_phone_enc, owner_phone_idx, owner_address_enc, district_code
       from nm_vehicles where id <= ${Math.trunc(copyOwnersUpToId)})`,
    join: 'join owners w on w.n = i % (select max(total) from owners)',
    select: `w.owner_type, w.owner_id_enc, w.owner_id_idx, w.owner_name_enc, w.owner_phone_enc, w.owner_phone_idx, w.owner_address_enc,
       w.district_code`,
  };
}

/** Vehicles lo..hi (row numbers, 1-based); every 10th vehicle (row ≡ 2) is reported stolen. */
export async function insertVehicles(client: Client, lo: number, hi: number, departmentIds: number[], copyOwnersUpToId?: number): Promise<void> {
  const owner = ownerColumns(copyOwnersUpToId);
  await client.query(
    `with ${CIPHERTEXT}${owner.source}
     insert into nm_vehicles (plate, plate_kind, zcbm, motor_no, brand, model, colours, ccc_cert_no, battery_type, battery_voltage,
       purchase_date, acquire_way, origin_proof, owner_type, owner_id_enc, owner_id_idx, owner_name_enc, owner_phone_enc,
       owner_phone_idx, owner_address_enc, district_code, stolen, department_id, registered_at, updated_at, version)
     select
       key.plate, case when i % 12 = 0 then 'K' else 'P' end, key.zcbm, key.motor_no,
       key.brand, left(key.motor, 1) || (10 + i % 90), substr('ABCEGHJ', (i % 7)::int + 1, 1),
       '20' || (19 + i % 8) || '0111' || lpad(((i * 48271) % 100000000)::text, 8, '0'),
       case when i % 10 < 7 then 'lithium' else 'lead_acid' end, case when i % 5 = 0 then 36 else 48 end,
       to_char(key.reg - interval '7 days', 'YYYY-MM-DD'), 'purchase', lpad(((i * 69621) % 100000000)::text, 8, '0'),
       ${owner.select}, i % 10 = 2, d.id, key.reg, key.reg, 1
     from generate_series($1::bigint, $2::bigint) as i
     cross join ${ROW_KEYS}
     cross join lateral (select 1 + (i % 64)::int as o) as offset_in_ciphertext
     join ciphertext c on c.n = (i * 40503) % 4096
     join departments d on d.id = ($3::int[])[1 + (i % cardinality($3::int[]))::int]
     ${owner.join}`,
    [lo, hi, departmentIds],
  );
}

// The collected items a registration records (before → after, personal values masked) and the one item a later
// business changes: the same for every row, as only the width matters here.
const REGISTER_CHANGES = JSON.stringify(
  [
    ['plate', '沪A123456'],
    ['zcbm', '117012345678901'],
    ['motorNo', 'YD24010123456'],
    ['brand', '雅迪'],
    ['model', 'Y42'],
    ['colours', 'A'],
    ['cccCertNo', '2024011112345678'],
    ['batteryType', 'lithium'],
    ['batteryVoltage', '48'],
    ['purchaseDate', '2024-01-08'],
    ['owner.name', '张*'],
    ['owner.idNumber', '3101**********1234'],
    ['owner.phone', '138****0000'],
    ['owner.address', '上海市浦东新区******'],
  ].map(([item, after]) => ({ item, before: null, after })),
);
const LATER_CHANGES = JSON.stringify([{ item: 'colours', before: 'A', after: 'B' }]);

/**
 * The ledger of vehicles with id lo..hi: a registration each, and a second business for 3 in 10 (change, transfer,
 * theft) — 1.3 rows per vehicle, migrated history already uploaded to 六合一.
 */
export async function insertBusinesses(client: Client, lo: number, hi: number): Promise<void> {
  await client.query(
    `with ${CIPHERTEXT}
     insert into ebike_businesses (lsh, vehicle_id, type, ywlx, reason, changes, snapshot_enc, operator_name, department_id,
       created_at, signature, sign_key_version, upload_status, uploaded_at)
     select
       to_char(b.at at time zone 'Asia/Shanghai', 'YYMMDD') || lpad((v.id * 2 + b.k)::text, 9, '0'),
       v.id, b.type, b.ywlx, b.reason, b.changes,
       'f1.1.' || substr(c.s || c.s, 1 + (v.id % 64)::int, 595),
       '历史数据迁移', v.department_id, b.at, substr(c.s, 101 + (v.id % 64)::int, 96), 1, 'done', b.at
     from nm_vehicles v
     join ciphertext c on c.n = (v.id * 12345) % 4096
     cross join lateral (
       select 0, 'register', 'A', null, v.registered_at, $3::jsonb
       union all
       select 1, (array['change', 'transfer', 'theft'])[(v.id % 10)::int + 1], (array['D', 'B', null])[(v.id % 10)::int + 1],
         (array[null, null, '停放时失窃'])[(v.id % 10)::int + 1], v.registered_at + interval '200 days', $4::jsonb
       where v.id % 10 < 3
     ) as b(k, type, ywlx, reason, at, changes)
     where v.id between $1 and $2`,
    [lo, hi, REGISTER_CHANGES, LATER_CHANGES],
  );
}

/** Runs `task` over `items` on `connections` pooled connections at once (the bulk loads). */
export async function inParallel<T>(client: pg.Pool, connections: number, items: readonly T[], task: (c: pg.PoolClient, item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    const c = await client.connect();
    try {
      while (next < items.length) await task(c, items[next++] as T);
    } finally {
      c.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}
