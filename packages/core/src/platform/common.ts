import { z } from 'zod';
import { safeString } from '../validators/zod.ts';

/** One error shape for every 4xx/5xx response. */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Largest value of a PostgreSQL `integer` column; `bigint` columns hold every safe JS integer (2^53−1). */
export const PG_INTEGER_MAX = 2_147_483_647;

/** The PostgreSQL type of the id column a field refers to. */
export type IdColumn = 'integer' | 'bigint';

const idMax = (column: IdColumn) => (column === 'integer' ? PG_INTEGER_MAX : Number.MAX_SAFE_INTEGER);

/** A row id in a JSON body, bounded as its column is (a larger one made the query fail); `missing` is the message when absent. */
export function idField(label: string, opts: { column?: IdColumn; missing?: string } = {}) {
  const invalid = `${label}无效`;
  return z
    .number({ error: opts.missing ?? invalid })
    .int(invalid)
    .positive(opts.missing ?? invalid)
    .max(idMax(opts.column ?? 'integer'), invalid);
}

/** A row id in a path or query string (text coerced to a number), bounded as its column is. */
export function idParam(label = 'ID', column: IdColumn = 'integer') {
  const invalid = label === 'ID' ? 'ID 无效' : `${label}无效`;
  return z.coerce.number({ error: invalid }).int(invalid).positive(invalid).max(idMax(column), invalid);
}

export const PageQuerySchema = z.object({
  page: z.coerce.number({ error: '页码须为正整数' }).int('页码须为正整数').min(1, '页码须为正整数').max(PG_INTEGER_MAX, '页码过大').default(1),
  pageSize: z.coerce.number({ error: '每页条数须为 1–200' }).int('每页条数须为 1–200').min(1, '每页条数须为 1–200').max(200, '每页最多 200 条').default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** An optimistic-lock version (an `integer` column). */
export const versionField = z.number({ error: '缺少版本号，请刷新后重试' }).int('版本号无效').nonnegative('版本号无效').max(PG_INTEGER_MAX, '版本号无效');

/** `:id` of a row in an `integer` (serial) column. */
/**
 * One code of a code table (`{ code: 标签 }`): 请选择… when nothing was chosen, …无效 for a code the table lacks (a
 * missing choice is not an invalid one).
 */
export function codeField<T extends Record<string, string>>(table: T, label: string) {
  return z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]], {
    error: (issue) => (issue.input === undefined || issue.input === null ? `请选择${label}` : `${label}无效`),
  });
}

export const IdParamsSchema = z.strictObject({ id: idParam() });
/** `:id` of a row in a `bigint` column (jobs, vehicles, businesses, audit records). */
export const BigIdParamsSchema = z.strictObject({ id: idParam('ID', 'bigint') });

/** Trimmed, non-empty text with a Chinese message naming the field. */
export function text(label: string, max: number, min = 1) {
  return safeString({ error: `${label}必须填写` }, label)
    .trim()
    .min(min, min <= 1 ? `${label}必须填写` : `${label}至少 ${min} 个字符`)
    .max(max, `${label}不能超过 ${max} 个字符`);
}

/** Display order among siblings. */
export const sortField = z
  .number({ error: '排序号须为 0–9999 的整数' })
  .int('排序号须为 0–9999 的整数')
  .min(0, '排序号须为 0–9999 的整数')
  .max(9999, '排序号须为 0–9999 的整数')
  .default(0);
