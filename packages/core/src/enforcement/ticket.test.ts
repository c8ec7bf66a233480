import { describe, expect, it } from 'vitest';
import type { Violation } from './enforcement.ts';
import { ticketOf } from './ticket.ts';

const violation = (over: Partial<Violation> = {}): Violation => ({
  id: 'b0c1',
  decisionNo: '3100202600000042',
  kind: 'warning',
  code: '2004',
  codeName: '非机动车逆向行驶的',
  codeVersion: '2024.1',
  trafficMode: 'F3',
  trafficModeName: '电动自行车',
  partyName: '张*',
  partyIdNumber: '3****************1',
  partyAddress: '上海市黄浦区****',
  plate: '沪F600382',
  place: '人民路与西藏中路路口',
  occurredAt: '2026-12-02T01:30:00.000Z',
  fine: 0,
  firstViolation: { eligible: true, reasons: ['该违法符合首违警告情形，适用警告处罚'] },
  educationRecordNo: null,
  ocrCorrections: 0,
  officerName: '执勤民警01',
  createdAt: '2026-12-02T01:31:00.000Z',
  payment: null,
  ...over,
});

describe('thermal ticket', () => {
  it('prints a 首违 warning with its reason, the server number and Shanghai time', () => {
    const t = ticketOf(violation());
    expect(t.title).toBe('公安交通管理警告');
    expect(t.number).toBe('3100202600000042');
    expect(Object.fromEntries(t.lines)).toMatchObject({ 处罚: '警告', 住址: '上海市黄浦区****', 号牌号码: '沪F600382', 违法时间: '2026/12/02 09:30' });
    expect(t.notes).toEqual(['首违免罚：该违法符合首违警告情形，适用警告处罚']);
  });

  it('prints a fine with the payment notice and no plate or address line when there is none', () => {
    const t = ticketOf(violation({ kind: 'decision', fine: 50, plate: null, partyAddress: null, firstViolation: { eligible: false, reasons: ['不适用'] } }));
    expect(t.title).toBe('公安交通管理简易程序处罚决定书');
    expect(t.lines.map(([label]) => label)).not.toContain('号牌号码');
    expect(t.lines.map(([label]) => label)).not.toContain('住址');
    expect(Object.fromEntries(t.lines).处罚).toBe('罚款 50 元');
    expect(t.notes).toHaveLength(1);
    expect(t.notes[0]).toContain('十五日内缴纳罚款');
  });
});
