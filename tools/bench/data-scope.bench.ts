/**
 * The data scope `dept_and_children` (platform/rbac/data-scope.repository.ts) as PostgreSQL plans it, on a scoped
 * table of 100,000 rows with a department index: `in (subquery)` (the old form) against `= any(array(subquery))`
 * (the form in use), each with the literal prefix and as a prepared statement's generic plan.
 *
 *   npm run bench -- data-scope
 *
 * Prints, per query and form, the plan's scan of nm_vehicles and EXPLAIN (ANALYZE, BUFFERS)'s buffers and time; then
 * 上传监控's scoped reads of ebike_businesses (1.3 businesses per vehicle) with and without its department index.
 */
import { openBenchDatabase } from './bench-database.ts';
import { insertBusinesses, insertDepartments, insertVehicles } from './ebike-load.ts';

const ROWS = 100_000;
const FORMS = {
  'in (subquery)': `department_id in (select d.id from departments d where d.path like $1)`,
  '= any(array(subquery))': `department_id = any(array(select d.id from departments d where d.path like $1))`,
};
const QUERIES = {
  'count in scope': (scope: string) => `select count(*) from nm_vehicles where ${scope}`,
  'stolen in scope': (scope: string) => `select count(*) from nm_vehicles where ${scope} and stolen`,
  'page 101 by department': (scope: string) => `select id from nm_vehicles where ${scope} order by department_id, id limit 20 offset 2000`,
};

/** 上传监控 (upload.repository.ts) on ebike_businesses, in the form in use, with and without its department index. */
const UPLOAD_SCOPE = FORMS['= any(array(subquery))'];
const UPLOAD_QUERIES = {
  'upload counts by status': `select upload_status, count(*) from ebike_businesses where ${UPLOAD_SCOPE} group by upload_status`,
  'upload page 1, newest first': `select id from ebike_businesses where ${UPLOAD_SCOPE} order by id desc limit 20`,
};
const UPLOAD_INDEX = 'ebike_businesses_department_idx';

const bench = await openBenchDatabase('data_scope', '数据范围基准');
if (bench) {
  try {
    const c = bench.client;
    // 总队, 16 支队 and five 大队 under each: a 支队's prefix matches six departments of 97.
    const detachments = await insertDepartments(c);
    for (const id of detachments)
      for (let k = 0; k < 5; k++)
        await c.query(
          `insert into departments (parent_id, code, name, level, sort, path)
           select $1::int, $2, $3, '大队', $4, path from departments where id = $1::int returning id`,
          [id, `X${id}${k}`.padEnd(12, '0'), `大队${id}-${k}`, k],
        );
    await c.query(`update departments set path = path || id || '/' where code like 'X%'`);
    const owners = (await c.query<{ id: number }>('select id from departments where parent_id is not null')).rows.map((r) => r.id);
    await insertVehicles(c, 1, ROWS, owners);
    await insertBusinesses(c, 1, ROWS);
    await c.query('vacuum analyze');
    const { rows } = await c.query<{ path: string; n: number }>(
      `select d.path, (select count(*)::int from nm_vehicles v join departments s on s.id = v.department_id where s.path like d.path || '%') as n
         from departments d where d.id = $1`,
      [detachments[3]],
    );
    const prefix = `${rows[0]!.path}%`;
    console.log(`nm_vehicles ${ROWS} 行，部门 ${owners.length + 1} 个；范围 ${prefix}：${rows[0]!.n} 行\n`);
    console.log('| 查询 | 写法 | 计划 | nm_vehicles 扫描 | 缓冲块 | 执行 ms |');
    console.log('|---|---|---|---|---:|---:|');
    for (const [query, text] of Object.entries(QUERIES))
      for (const [form, scope] of Object.entries(FORMS)) {
        const sql = text(scope);
        await c.query(`prepare scoped as ${sql}`);
        for (const [plan, explain] of [
          ['字面值', `explain (analyze, buffers, format json) ${sql.replace('$1', `'${prefix}'`)}`],
          ['通用计划', `explain (analyze, buffers, format json) execute scoped('${prefix}')`],
        ] as const) {
          if (plan === '通用计划') await c.query('set plan_cache_mode = force_generic_plan');
          const [result] = (await c.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(explain)).rows[0]!['QUERY PLAN'];
          await c.query('reset plan_cache_mode');
          const scans = nodes(result.Plan).filter((n) => n['Relation Name'] === 'nm_vehicles');
          const scan = scans.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''} ×${n['Actual Loops']}`).join('，');
          const buffers = result.Plan['Shared Hit Blocks'] + result.Plan['Shared Read Blocks'];
          console.log(`| ${query} | ${form} | ${plan} | ${scan} | ${buffers} | ${result['Execution Time'].toFixed(1)} |`);
        }
        await c.query('deallocate scoped');
      }
    const businesses = (await c.query<{ n: number }>('select count(*)::int as n from ebike_businesses')).rows[0]!.n;
    console.log(`\nebike_businesses ${businesses} 行（上传监控），范围写法 = any(array(…))，通用计划\n`);
    console.log('| 查询 | 部门索引 | 计划 | ebike_businesses 扫描 | 缓冲块 | 执行 ms |');
    console.log('|---|---|---|---|---:|---:|');
    for (const [query, sql] of Object.entries(UPLOAD_QUERIES))
      for (const withIndex of [true, false]) {
        await c.query('begin');
        if (!withIndex) await c.query(`drop index ${UPLOAD_INDEX}`);
        await c.query(`prepare scoped as ${sql}`);
        await c.query('set local plan_cache_mode = force_generic_plan');
        const explain = `explain (analyze, buffers, format json) execute scoped('${prefix}')`;
        const [result] = (await c.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(explain)).rows[0]!['QUERY PLAN'];
        await c.query('deallocate scoped');
        await c.query('rollback');
        const scans = nodes(result.Plan).filter((n) => n['Relation Name'] === 'ebike_businesses');
        const scan = scans.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''} ×${n['Actual Loops']}`).join('，');
        const buffers = result.Plan['Shared Hit Blocks'] + result.Plan['Shared Read Blocks'];
        console.log(`| ${query} | ${withIndex ? '有' : '无'} | 通用计划 | ${scan} | ${buffers} | ${result['Execution Time'].toFixed(1)} |`);
      }
  } finally {
    await bench.close();
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Loops': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
