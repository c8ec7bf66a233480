import type { Param } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import { formatParamValue } from './param-values';

const param = (over: Partial<Param>): Param => ({
  key: 'k',
  module: 'm',
  label: 'l',
  description: '',
  type: 'number',
  security: false,
  value: 1,
  defaultValue: 1,
  constraints: {},
  updatedAt: null,
  updatedBy: null,
  ...over,
});

describe('formatParamValue', () => {
  it('shows a duration with its Chinese unit, not the code unit', () => {
    expect(formatParamValue(param({ type: 'duration', constraints: { unit: 'minutes', unitLabel: '分钟' } }), 30)).toBe('30 分钟');
  });
  it('shows a number with its unit and a list joined with 、', () => {
    expect(formatParamValue(param({ constraints: { unit: '次' } }), 5)).toBe('5 次');
    expect(formatParamValue(param({ type: 'list' }), ['10.0.0.0/8', '192.168.0.0/16'])).toBe('10.0.0.0/8、192.168.0.0/16');
  });
});
