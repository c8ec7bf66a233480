import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getTableName, is } from 'drizzle-orm';
import { type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { PI_CATEGORIES, type PiCategoryKey, STORAGE, type TableClassification } from './pi-classification.ts';

/** The server's source folder, and the generated document (committed; checked by apps/server/test/platform/pi-inventory.test.ts). */
export const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const INVENTORY_FILE = path.resolve(SOURCE_DIR, '../../../docs/security/pi-inventory.md');

async function exportsOf(suffix: string): Promise<unknown[]> {
  const files = (readdirSync(SOURCE_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith(suffix)).sort();
  const modules = await Promise.all(files.map((f) => import(pathToFileURL(path.join(SOURCE_DIR, f)).href) as Promise<Record<string, unknown>>));
  return modules.flatMap((m) => Object.values(m));
}

/** Every drizzle table of the server (the same files drizzle-kit reads: src/**\/*.table.ts). */
export async function loadTables(): Promise<PgTable[]> {
  return (await exportsOf('.table.ts')).filter((v): v is PgTable => is(v, PgTable));
}

/** Every classification declared in src/**\/*.pi.ts. */
export async function loadClassifications(): Promise<TableClassification[]> {
  const isClassification = (v: unknown): v is TableClassification => typeof v === 'object' && v !== null && 'table' in v && 'columns' in v;
  return (await exportsOf('.pi.ts')).flatMap((v) => (Array.isArray(v) ? v.filter(isClassification) : []));
}

const columnsOf = (table: PgTable) => (table as unknown as Record<symbol, Record<string, PgColumn>>)[Symbol.for('drizzle:Columns')]!;

/** What keeps the inventory from being complete: unclassified tables and columns, classifications of nothing. */
export function inventoryProblems(tables: PgTable[], classified: TableClassification[]): string[] {
  const problems: string[] = [];
  for (const table of tables) {
    const name = getTableName(table);
    const found = classified.filter((c) => c.table === table);
    if (found.length !== 1) {
      problems.push(`表 ${name} ${found.length === 0 ? '没有个人信息分类（在模块的 *.pi.ts 中用 classify() 声明）' : '被分类了多次'}`);
      continue;
    }
    const declared = found[0]!.columns;
    for (const [key, column] of Object.entries(columnsOf(table))) {
      if (!(key in declared)) problems.push(`列 ${name}.${column.name} 没有个人信息分类`);
    }
    for (const key of Object.keys(declared)) if (!(key in columnsOf(table))) problems.push(`分类中的 ${name}.${key} 不是该表的列`);
  }
  for (const c of classified) if (!tables.includes(c.table)) problems.push(`分类的表 ${getTableName(c.table)} 不在 src/**/*.table.ts 中`);
  return problems;
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The inventory as Markdown: categories (purpose, basis, retention, masking, where shown), then tables and columns. */
export function renderInventory(classified: TableClassification[]): string {
  const tables = [...classified].sort((a, b) => getTableName(a.table).localeCompare(getTableName(b.table)));
  const personal = tables.filter((t) => Object.values(t.columns).some((c) => c !== null));
  const others = tables.filter((t) => !personal.includes(t));
  const where = new Map<PiCategoryKey, string[]>();
  for (const t of personal) {
    for (const [key, c] of Object.entries(t.columns)) {
      for (const category of c?.categories ?? [])
        where.set(category, [...(where.get(category) ?? []), `${getTableName(t.table)}.${columnsOf(t.table)[key]!.name}`]);
    }
  }
  const out: string[] = [
    '# 个人信息清单 / Personal-information inventory (PI-1)',
    '',
    '> 由代码生成，请勿手工修改：`npm run pi-inventory`（分类声明在 `apps/server/src/**/*.pi.ts`，表结构取自 drizzle 表定义）。',
    '> `apps/server/test/platform/pi-inventory.test.ts` 在每次测试中检查：每张表的每一列都已分类，且本文件与代码一致。',
    '> 标 [P] 的期限为建议值，须与主管部门、测评机构确认。',
    '',
    `共 ${tables.length} 张表，其中 ${personal.length} 张含个人信息。`,
    '',
    '## 1. 个人信息类别',
    '',
    '| 类别 | 敏感个人信息 | 处理目的 | 法律依据 | 保留期限与删除 | 脱敏规则（示例为合成数据） | 出现在 | 存储位置 |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [key, c] of Object.entries(PI_CATEGORIES) as [PiCategoryKey, (typeof PI_CATEGORIES)[PiCategoryKey]][]) {
    const masking = c.masking.map((m) => `${m.rule}：${m.sample} → ${m.mask(m.sample)}`).join('<br>') || '—';
    const columns = (where.get(key) ?? []).map((w) => `\`${w}\``).join('<br>') || '—';
    out.push(
      `| ${cell(c.label)} | ${c.sensitive ? '是' : '否'} | ${cell(c.purpose)} | ${cell(c.basis)} | ${cell(c.retention)} | ${cell(masking)} | ${cell(c.shownIn.join('<br>'))} | ${columns} |`,
    );
  }
  out.push('', '## 2. 含个人信息的表与列', '');
  for (const t of personal) {
    out.push(`### \`${getTableName(t.table)}\` — ${t.purpose}`, '', '| 列 | 类别 | 存储 | 说明 |', '|---|---|---|---|');
    for (const [key, c] of Object.entries(t.columns)) {
      if (c === null) continue;
      const categories = c.categories.map((k) => PI_CATEGORIES[k].label.replace(/（.*）$/, '')).join('、');
      out.push(`| \`${columnsOf(t.table)[key]!.name}\` | ${cell(categories)} | ${STORAGE[c.storage]} | ${cell(c.note ?? '')} |`);
    }
    const plain = Object.entries(t.columns)
      .filter(([, c]) => c === null)
      .map(([key]) => `\`${columnsOf(t.table)[key]!.name}\``);
    out.push('', `不含个人信息的列：${plain.join('、') || '—'}`, '');
  }
  out.push('## 3. 不含个人信息的表', '', '| 表 | 用途 |', '|---|---|');
  for (const t of others) out.push(`| \`${getTableName(t.table)}\` | ${cell(t.purpose)} |`);
  return `${out.join('\n')}\n`;
}
