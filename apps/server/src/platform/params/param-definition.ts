import type { Param } from '@shtp/core/platform';
import { safeString } from '@shtp/core/validators';
import { z } from 'zod';

type ParamType = Param['type'];

/** A system parameter declared in code by the module that reads it; the value lives in system_parameters. */
export interface ParamDefinition<T> {
  key: string;
  module: string;
  label: string;
  description: string;
  type: ParamType;
  /** Security parameters are changed by the 安全管理员 (system:param:update-security). */
  security: boolean;
  defaultValue: T;
  constraints: Record<string, unknown>;
  schema: z.ZodType<T>;
}

interface Base {
  key: string;
  module: string;
  label: string;
  description: string;
  security?: boolean;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const defineParam = {
  number(d: Base & { defaultValue: number; min: number; max: number; unit?: string; integer?: boolean }): ParamDefinition<number> {
    let schema = z.number({ error: `${d.label}须为数字` });
    if (d.integer !== false) schema = schema.int(`${d.label}须为整数`);
    schema = schema.min(d.min, `${d.label}不能小于 ${d.min}`).max(d.max, `${d.label}不能大于 ${d.max}`);
    return { ...d, type: 'number', security: d.security ?? false, constraints: { min: d.min, max: d.max, unit: d.unit }, schema };
  },
  /** A length of time; the value is a number in `unit`. */
  duration(d: Base & { defaultValue: number; min: number; max: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' }): ParamDefinition<number> {
    const unitLabel = { seconds: '秒', minutes: '分钟', hours: '小时', days: '天' }[d.unit];
    const schema = z
      .number({ error: `${d.label}须为数字` })
      .int(`${d.label}须为整数`)
      .min(d.min, `${d.label}不能小于 ${d.min} ${unitLabel}`)
      .max(d.max, `${d.label}不能大于 ${d.max} ${unitLabel}`);
    return { ...d, type: 'duration', security: d.security ?? false, constraints: { min: d.min, max: d.max, unit: d.unit, unitLabel }, schema };
  },
  /** A daily time window, e.g. working hours { start: '08:30', end: '17:30' }. */
  timeWindow(d: Base & { defaultValue: { start: string; end: string } }): ParamDefinition<{ start: string; end: string }> {
    const schema = z
      .strictObject({
        start: safeString().regex(HHMM, '开始时间须为 HH:mm'),
        end: safeString().regex(HHMM, '结束时间须为 HH:mm'),
      })
      .refine((w) => w.start < w.end, { message: '开始时间须早于结束时间', path: ['end'] });
    return { ...d, type: 'time_window', security: d.security ?? false, constraints: {}, schema };
  },
  enumOf<V extends string>(d: Base & { defaultValue: V; options: { value: V; label: string }[] }): ParamDefinition<V> {
    const values = d.options.map((o) => o.value) as [V, ...V[]];
    const schema = z.enum(values, { error: `${d.label}须为以下之一：${d.options.map((o) => o.label).join('、')}` }) as unknown as z.ZodType<V>;
    return { ...d, type: 'enum', security: d.security ?? false, constraints: { options: d.options }, schema };
  },
  /** Items are stored text: checked as such before the item's own rule. */
  list(d: Base & { defaultValue: string[]; item: z.ZodString; maxItems: number }): ParamDefinition<string[]> {
    const schema = z
      .array(safeString({ error: `${d.label}的每一项须为文本` }).pipe(d.item), { error: `${d.label}须为列表` })
      .max(d.maxItems, `${d.label}最多 ${d.maxItems} 项`);
    return { ...d, type: 'list', security: d.security ?? false, constraints: { maxItems: d.maxItems }, schema };
  },
  boolean(d: Base & { defaultValue: boolean }): ParamDefinition<boolean> {
    return { ...d, type: 'boolean', security: d.security ?? false, constraints: {}, schema: z.boolean({ error: `${d.label}须为是/否` }) };
  },
};
