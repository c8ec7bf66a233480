import { z } from 'zod';
import { safeString } from '../validators/zod.ts';
import { sortField, text } from './common.ts';

/** 数据字典 (platform dictionaries): types and their items. */
export const DictTypeSchema = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  enabled: z.boolean(),
});
export type DictType = z.infer<typeof DictTypeSchema>;

export const DictTypeBodySchema = z.strictObject({
  code: safeString({ error: '字典代码必须填写' })
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, '字典代码须以小写字母开头，小写字母、数字或下划线'),
  name: text('字典名称', 64),
  description: safeString().trim().max(200, '说明不能超过 200 个字符').default(''),
  enabled: z.boolean().default(true),
});
export type DictTypeBody = z.infer<typeof DictTypeBodySchema>;

export const DictItemSchema = z.object({
  id: z.number(),
  typeCode: z.string(),
  value: z.string(),
  label: z.string(),
  sort: z.number(),
  enabled: z.boolean(),
});
export type DictItem = z.infer<typeof DictItemSchema>;

export const DictItemBodySchema = z.strictObject({
  value: text('字典值', 32),
  label: text('显示名称', 64),
  sort: sortField,
  enabled: z.boolean().default(true),
});
export type DictItemBody = z.infer<typeof DictItemBodySchema>;
