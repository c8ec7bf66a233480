import { normaliseRoadName } from '@shtp/core/roadworks';
import { describe, expect, it } from 'vitest';
import { bigramsOf, roadNameKeys } from './road-keys.ts';

describe('road name keys', () => {
  it('give the full pinyin and the initials of the whole name', () => {
    expect(roadNameKeys('延安西路')).toEqual({ key: '延安西', pinyin: 'yananxilu', initials: 'yaxl', bigrams: ['延安', '安西'] });
    expect(roadNameKeys('重庆中路').initials).toBe('cqzl');
  });

  it('ignore brackets and full-width characters', () => {
    expect(roadNameKeys('北京西路（静安段）')).toEqual(roadNameKeys('北京西路'));
    expect(roadNameKeys('沪太路(宝山段)').key).toBe('沪太');
  });

  it('normalise queries the same way as names', () => {
    expect(normaliseRoadName('延安西路')).toBe('延安西');
    expect(normaliseRoadName(' 延安西 ')).toBe('延安西');
    expect(normaliseRoadName('ＹＡＸＬ')).toBe('yaxl');
    expect(normaliseRoadName('定西衖')).toBe('定西');
    expect(normaliseRoadName('延安西街')).toBe(normaliseRoadName('延安西路'));
  });

  it('cut a key into its distinct two-character pieces, which every substring query of two or more characters contains', () => {
    expect(bigramsOf('中山中')).toEqual(['中山', '山中']);
    expect(bigramsOf('虹')).toEqual(['虹']);
    expect(bigramsOf('')).toEqual([]);
    const name = bigramsOf('延安西');
    expect(bigramsOf('安西').every((b) => name.includes(b))).toBe(true);
    expect(bigramsOf('西安').every((b) => name.includes(b))).toBe(false);
  });
});
