import { describe, expect, it } from 'vitest';
import { pageCheckRefusal } from './page-check.policy.ts';

const t = { blankStdev: 6, blurVariance: 30 };

describe('page checks', () => {
  it('refuses a blank page whatever the officer says', () => {
    expect(pageCheckRefusal({ stdev: 2, sharpness: 500, width: 1, height: 1 }, t, true)?.code).toBe('ARCHIVE_PAGE_BLANK');
  });
  it('refuses a blurred page unless accepted after looking', () => {
    expect(pageCheckRefusal({ stdev: 40, sharpness: 5, width: 1, height: 1 }, t, false)).toMatchObject({
      code: 'ARCHIVE_PAGE_BLURRED',
      message: expect.stringContaining('模糊'),
    });
    expect(pageCheckRefusal({ stdev: 40, sharpness: 5, width: 1, height: 1 }, t, true)).toBeNull();
  });
  it('accepts a clear page', () => {
    expect(pageCheckRefusal({ stdev: 40, sharpness: 300, width: 1, height: 1 }, t, false)).toBeNull();
  });
});
