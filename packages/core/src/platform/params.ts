import { z } from 'zod';

/** 系统参数: how a parameter is presented to the console, and the body of a change. */
export const PARAM_TYPES = ['number', 'duration', 'time_window', 'enum', 'list', 'boolean', 'string'] as const;
export const ParamSchema = z.object({
  key: z.string(),
  module: z.string(),
  label: z.string(),
  description: z.string(),
  type: z.enum(PARAM_TYPES),
  /** Permission needed to change it: security parameters belong to the 安全管理员. */
  security: z.boolean(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  /** For the form: unit, min/max, options. */
  constraints: z.record(z.string(), z.unknown()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type Param = z.infer<typeof ParamSchema>;

export const ParamUpdateBodySchema = z.strictObject({ value: z.unknown() });
