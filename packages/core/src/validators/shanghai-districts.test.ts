import { describe, expect, it } from 'vitest';
import { areaCodeStatus } from './area-code.ts';
import { districtShortName, SHANGHAI_DISTRICTS } from './shanghai-districts.ts';

describe('the districts of Shanghai', () => {
  it('are the 16 GB/T 2260 codes in use under 3101, none abolished', () => {
    const codes = Object.keys(SHANGHAI_DISTRICTS);
    expect(codes).toHaveLength(16);
    for (const code of codes) {
      expect(code, code).toMatch(/^3101\d\d$/);
      expect(areaCodeStatus(code), code).toBe('current');
    }
    // 卢湾区 and 闸北区 were merged away: older ID numbers carry them, a registration never does.
    expect(codes).not.toContain('310103');
    expect(codes).not.toContain('310108');
  });

  it('have distinct short names without 区 / 新区', () => {
    const short = Object.values(SHANGHAI_DISTRICTS).map(districtShortName);
    expect(short).toContain('浦东');
    expect(short).toContain('黄浦');
    expect(new Set(short).size).toBe(16);
    for (const s of short) expect(s).not.toMatch(/区$/);
  });
});
