import { describe, expect, it } from 'vitest';
import { statusCodes, statusLabels } from './ebike-state.ts';

const normal = { stolen: false, locked: false, cancelled: false };

describe('e-bike state codes', () => {
  it('derives the 六合一 status codes and their labels', () => {
    expect(statusCodes(normal)).toBe('A');
    expect(statusCodes({ ...normal, stolen: true, locked: true })).toBe('CO');
    expect(statusCodes({ ...normal, cancelled: true, stolen: true })).toBe('E');
    expect(statusLabels('CO')).toEqual(['被盗抢', '锁定']);
  });
});
