import { describe, expect, it } from 'vitest';
import { fieldRows, readingView, sortChecks } from './recognition-view';

const field = (value: string | null, confidence = 0.91) => ({ value, confidence, source: value ? { lines: [0], text: `src ${value}`, box: [] } : null });

describe('recognition workbench view', () => {
  it('labels the fields of a classified residence permit and keeps confidence as a percentage', () => {
    const view = readingView({
      type: 'residence-permit',
      residencePermit: {
        fields: {
          name: field('刘洋'),
          sex: field('女'),
          idNumber: { ...field('440305198511224564'), facts: null },
          address: field(null),
          authority: field('上海市公安局徐汇分局'),
          validFrom: field('2025-09-15'),
          validTo: field('2028-09-15', 0.876),
        },
        checks: [],
      },
    });
    expect(view.fields.find((f) => f.key === 'address')).toMatchObject({ label: '居住地址', value: null, source: null });
    expect(view.fields.find((f) => f.key === 'validTo')).toMatchObject({ label: '有效期止', confidence: 88, source: 'src 2028-09-15' });
  });

  it('uses the shared invoice labels and shows failed checks first', () => {
    expect(fieldRows({ vin: field('LSVAU2187N2123456') }, { vin: '车辆识别代号/车架号码' })[0]?.label).toBe('车辆识别代号/车架号码');
    const sorted = sortChecks([
      { code: 'a', name: 'a', result: 'pass', message: '' },
      { code: 'b', name: 'b', result: 'unknown', message: '' },
      { code: 'c', name: 'c', result: 'fail', message: '' },
    ]);
    expect(sorted.map((c) => c.code)).toEqual(['c', 'b', 'a']);
    expect(readingView({ type: 'other' })).toEqual({ fields: [], checks: [] });
  });
});
