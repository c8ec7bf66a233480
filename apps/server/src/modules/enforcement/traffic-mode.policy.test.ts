import { codeTableOn } from '@shtp/core/enforcement';
import { describe, expect, it } from 'vitest';
import { detentionModeRefusal, trafficModeRefusal } from './traffic-mode.policy.ts';

const table = codeTableOn('2026-12-02');
const code = (c: string) => table.violations.find((v) => v.code === c)!;

describe('P8 交通方式', () => {
  it('fits a mode to a code of the same class of party, and conveyances to each other', () => {
    expect(trafficModeRefusal(table, 'F3', code('2004'))).toBeNull();
    expect(trafficModeRefusal(table, 'A1', code('3001'))).toBeNull();
    expect(trafficModeRefusal(table, 'F4', code('5091'))).toBeNull(); // a wheelchair under the other-conveyance code
    expect(trafficModeRefusal(table, 'K3', code('1625'))).toBeNull();
  });
  it('refuses a mode of another class, or one the version does not have, saying which', () => {
    expect(trafficModeRefusal(table, 'A1', code('2004'))).toBe('交通方式“步行”与违法代码 2004（非机动车违法）不符');
    expect(trafficModeRefusal(table, 'K3', code('5091'))).toBe('交通方式“小型载客汽车”与违法代码 5091（其他违法）不符');
    expect(trafficModeRefusal(table, 'Z9', code('2004'))).toBe('交通方式 Z9 不在代码表（2024.1）中');
  });
  it('detains non-motor vehicles and other conveyances, not motor vehicles or pedestrians', () => {
    expect(detentionModeRefusal(table, 'F4')).toBeNull();
    expect(detentionModeRefusal(table, 'X9')).toBeNull();
    expect(detentionModeRefusal(table, 'K3')).toBe('“小型载客汽车”不适用先予扣留其他通行工具，请选择非机动车或其他通行工具');
    expect(detentionModeRefusal(table, 'A1')).toBe('“步行”不适用先予扣留其他通行工具，请选择非机动车或其他通行工具');
    expect(detentionModeRefusal(table, 'Z9')).toBe('通行工具类别 Z9 不在代码表（2024.1）中');
  });
});
