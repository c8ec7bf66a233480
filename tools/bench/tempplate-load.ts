/**
 * Bulk load of a synthetic year of temporary plates for tools/bench/tempplate.bench.ts, generated inside PostgreSQL
 * (`insert … select … from generate_series`): businesses spread over 2025 in issue order, one in twenty a second plate
 * of the previous row's VIN, one in ten a non-Shanghai owner; a warning with its work order on one business in 25
 * (rules T1–T10 in turn, the orders spread over the four states; one assigned order in five sent to another
 * department for the first check and to a third for the review, as the assignment rules do); then the rollups and day counters built from them,
 * as the intake's transactions would have kept them. Identifiers are hashes of the row number; nobody's data.
 */
import type pg from 'pg';

type Client = pg.Pool | pg.PoolClient;

/** Businesses per insert statement. */
export const CHUNK = 250_000;
const EVIDENCE = JSON.stringify({ compared: [], threshold: null, window: null, related: [], images: [], note: null });

/** Businesses lo..hi of n (row number = issue order over the year), at the given departments. */
export async function insertTempPlates(client: Client, lo: number, hi: number, n: number, departmentIds: number[]): Promise<void> {
  await client.query(
    `insert into tempplate_businesses (source_id, body_digest, plate, vin, vehicle_type, case_type, owner_id_type, owner_name_enc,
        owner_id_enc, owner_id_idx, owner_region, phone_enc, phone_idx, dealer_name, dealer_uscc, insurance_policy_no, insurance_end,
        materials, department_id, officer, accepted_at, issued_at, valid_from, valid_to)
     select 'LPB' || i, md5(i::text), '沪A' || lpad((i % 1000000)::text, 6, '0'),
        'LBENCH' || lpad((case when i % 20 = 0 then i - 1 else i end)::text, 11, '0'), '小型普通客车',
        case i % 50 when 0 then 'export' when 1 then 'unsold' else 'purchased' end, 'A', md5('name' || i), md5('id' || i),
        encode(sha256(convert_to('owner:' || ((i * 7919) % $3::bigint), 'UTF8')), 'hex'), case when i % 10 = 3 then '320102' else '310101' end,
        md5('phone' || i), encode(sha256(convert_to('phone:' || i, 'UTF8')), 'hex'),
        case when i % 3 <> 0 then '上海合成汽车销售有限公司' end, case when i % 3 <> 0 then '91310000BENCH' || lpad((i % 400)::text, 5, '0') end,
        'PDZA' || i, to_char(t + interval '365 days', 'YYYY-MM-DD'), '["owner_id","insurance","invoice","certificate"]'::jsonb,
        ($4::int[])[1 + ((i * 7919) % array_length($4::int[], 1))], '民警' || (i % 60), t - interval '15 minutes', t,
        to_char(t, 'YYYY-MM-DD'), to_char(t + interval '14 days', 'YYYY-MM-DD')
       from generate_series($1::bigint, $2::bigint) as i,
        lateral (select timestamptz '2025-01-01 09:00+08' + (i::float8 / $3::float8) * interval '365 days' as t) as at`,
    [lo, hi, n, departmentIds],
  );
}

/**
 * A warning and its work order on one business in 25 (one assigned order in five checked by the next department of
 * `departmentIds` and reviewed by the one after), then the rollups and day counters built from the rows.
 */
export async function insertWarningsAndRollups(client: Client, departmentIds: number[]): Promise<void> {
  const set = await client.query<{ version: number }>(`insert into tempplate_param_sets (digest, values) values ('bench', '{}') returning version`);
  await client.query(
    `insert into tempplate_warnings (business_id, rule, rule_version, param_set_version, severity, summary, evidence, department_id, issued_at)
     select id, 'T' || (1 + (id / 25) % 10), 1, $1, 'medium', '基准测试预警', $2::jsonb, department_id, issued_at
       from tempplate_businesses where id % 25 = 0`,
    [set.rows[0]!.version, EVIDENCE],
  );
  await client.query(
    `insert into tempplate_work_orders (warning_id, department_id, issued_at, state, check_department_id, review_department_id, check_result, final_result, due_at)
     select w.id, w.department_id, w.issued_at, s.state, case when s.state <> 'unassigned' then d.check_id end, case when s.state <> 'unassigned' then d.review_id end,
        case when s.state in ('review', 'closed') then 'confirmed' end, case when s.state = 'closed' then 'confirmed' end,
        case when s.state in ('first_check', 'review') then w.issued_at + interval '5 days' end
       from tempplate_warnings w, lateral (select (array['unassigned', 'first_check', 'review', 'closed'])[1 + w.id % 4] as state) as s,
        lateral (select array_position($1::int[], w.department_id) - 1 as k, array_length($1::int[], 1) as n) as p,
        lateral (select case when (w.id / 4) % 5 = 0 then ($1::int[])[1 + (p.k + 1) % p.n] else w.department_id end as check_id,
                        case when (w.id / 4) % 5 = 0 then ($1::int[])[1 + (p.k + 2) % p.n] else w.department_id end as review_id) as d`,
    [departmentIds],
  );
  const month = `to_char(issued_at at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const day = `to_char(issued_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  await client.query(
    `insert into tempplate_rollups (department_id, month, rule, raised)
     select department_id, ${month}, '', count(*) from tempplate_businesses group by 1, 2`,
  );
  await client.query(
    `insert into tempplate_rollups (department_id, month, rule, raised, assigned, first_checked, closed, confirmed)
     select w.department_id, ${month.replace('issued_at', 'w.issued_at')}, w.rule, count(*), count(*) filter (where o.state <> 'unassigned'),
        count(*) filter (where o.state in ('review', 'closed')), count(*) filter (where o.state = 'closed'),
        count(*) filter (where o.final_result = 'confirmed')
       from tempplate_warnings w join tempplate_work_orders o on o.warning_id = w.id group by 1, 2, 3`,
  );
  const counters = `count(*), count(*) filter (where owner_id_type = 'A'), count(*) filter (where owner_id_type = 'A' and owner_region not like '31%')`;
  await client.query(
    `insert into tempplate_department_days (department_id, day, businesses, id_cards, non_local)
     select department_id, ${day}, ${counters} from tempplate_businesses group by 1, 2`,
  );
  await client.query(
    `insert into tempplate_dealer_days (dealer_uscc, day, businesses, id_cards, non_local)
     select dealer_uscc, ${day}, ${counters} from tempplate_businesses where dealer_uscc is not null group by 1, 2`,
  );
}
