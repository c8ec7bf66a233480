import { z } from 'zod';

/** One error shape for every 4xx/5xx response. */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1, '页码须为正整数').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const IdParamsSchema = z.strictObject({ id: z.coerce.number().int().positive('ID 无效') });

/** Trimmed, non-empty text with a Chinese message naming the field. */
export function text(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, min <= 1 ? `${label}必须填写` : `${label}至少 ${min} 个字符`)
    .max(max, `${label}不能超过 ${max} 个字符`);
}
