import { describe, expect, it } from 'vitest';
import { dateProblem } from './liuheyi.sim-checks.ts';

describe('六合一 simulator: dates', () => {
  it('judges "today" in Beijing time: shortly after midnight in Shanghai the new day is not in the future', () => {
    const lateUtcEvening = new Date('2026-12-02T18:30:00Z'); // 02:30 on 3 December in Shanghai
    expect(dateProblem('2026-12-03', lateUtcEvening)).toBeNull();
    expect(dateProblem('2026-12-04', lateUtcEvening)).toBe('不能晚于今天');
    expect(dateProblem('2026-12-03', new Date('2026-12-02T15:59:00Z'))).toBe('不能晚于今天'); // 23:59 on the 2nd in Shanghai
  });

  it('refuses a day that does not exist', () => {
    expect(dateProblem('2026-02-30', new Date('2026-12-02T00:00:00Z'))).toBe('应为 YYYY-MM-DD 格式的日期');
  });
});
