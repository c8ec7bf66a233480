import type { Param } from '@shtp/core/platform';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { z } from 'zod';

const ParamConstraintsSchema = z.object({
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  /** Chinese label of a duration's unit (the unit itself is 'minutes', 'days', …). */
  unitLabel: z.string().optional(),
  options: z.array(z.object({ value: z.union([z.string(), z.number()]), label: z.string() })).optional(),
});
export type ParamConstraints = z.infer<typeof ParamConstraintsSchema>;

const TimeWindowSchema = z.object({ start: z.string(), end: z.string() });
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

/** The server sends constraints as an open record; anything unexpected is ignored. */
export function constraintsOf(param: Param): ParamConstraints {
  const parsed = ParamConstraintsSchema.safeParse(param.constraints);
  if (!parsed.success) return {};
  const { unitLabel, ...rest } = parsed.data;
  return { ...rest, unit: unitLabel ?? rest.unit };
}

export function asTimeWindow(value: unknown): TimeWindow | null {
  const parsed = TimeWindowSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** One-line Chinese text of a parameter value (lists are shown as tags by the page). */
export function formatParamValue(param: Param, value: unknown): string {
  if (value === null || value === undefined) return '—';
  const { unit, options } = constraintsOf(param);
  switch (param.type) {
    case 'number':
    case 'duration':
      return unit ? `${String(value)} ${unit}` : String(value);
    case 'boolean':
      return value === true ? '是' : '否';
    case 'enum':
      return options?.find((option) => option.value === value)?.label ?? String(value);
    case 'list':
      return asList(value).join('、') || '（空）';
    case 'time_window': {
      const window = asTimeWindow(value);
      return window ? `${window.start} – ${window.end}` : '—';
    }
    case 'string':
      return String(value);
  }
}

dayjs.extend(customParseFormat);

export const TIME_FORMAT = 'HH:mm';

const dayjsValue = z.custom<Dayjs>((value) => dayjs.isDayjs(value));
const TimeWindowFormSchema = z.object({ start: dayjsValue.nullish(), end: dayjsValue.nullish() });
export type TimeWindowFormValue = z.infer<typeof TimeWindowFormSchema>;

/** The edit form's value: a time window becomes two time-picker values, a list an array of texts. */
export function toFormValue(param: Param): unknown {
  if (param.type === 'time_window') {
    const window = asTimeWindow(param.value);
    return window ? { start: dayjs(window.start, TIME_FORMAT), end: dayjs(window.end, TIME_FORMAT) } : {};
  }
  if (param.type === 'list') return asList(param.value);
  return param.value;
}

/** Back from the form to the value the server stores; an unfinished time window is left for the server to refuse. */
export function asTimeWindowForm(value: unknown): TimeWindowFormValue {
  const parsed = TimeWindowFormSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export function fromFormValue(param: Param, value: unknown): unknown {
  if (param.type !== 'time_window') return value;
  const window = asTimeWindowForm(value);
  return { start: window.start?.format(TIME_FORMAT) ?? null, end: window.end?.format(TIME_FORMAT) ?? null };
}
