import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { BusinessHistory } from './BusinessHistory';
import { EP } from './ebike-permissions';
import { business, officer } from './ebike-test-data';

describe('BusinessHistory', () => {
  beforeEach(() => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: officer([EP.query]) } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('folds a long list of items (a registration) and unfolds it on click; short lists show at once', async () => {
    const items = ['品牌', '型号', '电机号', '整车编码', '车身颜色', '号牌号码'].map((label, i) => ({ item: `i${i}`, label, before: null, after: `值${i}` }));
    renderWithProviders(
      <BusinessHistory
        businesses={[
          business({ id: 2, lsh: '2611290000002', type: 'change', changes: [{ item: 'colours', label: '车身颜色', before: '白', after: '蓝' }] }),
          business({ id: 1, lsh: '2611290000001', type: 'register', changes: items }),
        ]}
      />,
    );
    await screen.findByTestId('business-history', {}, { timeout: 15_000 });
    expect(screen.getByText('车身颜色：白 → 蓝')).toBeTruthy();
    expect(screen.queryByText('品牌：（无） → 值0')).toBeNull();
    fireEvent.click(screen.getByText('共 6 项（展开）'));
    expect(await screen.findByText('品牌：（无） → 值0')).toBeTruthy();
  }, 30_000);

  it('opens the 影像档案 of each business that has one (A8)', async () => {
    renderWithProviders(
      <BusinessHistory
        businesses={[
          business({ id: 2, lsh: '2611290000002', type: 'change', changes: [] }),
          business({ id: 1, lsh: '2611290000001', type: 'register', changes: [] }),
        ]}
        archives={[{ id: 31, lsh: '2611290000001', complete: false }]}
      />,
    );
    const link = await screen.findByTestId('history-archive-2611290000001', {}, { timeout: 15_000 });
    expect(link.textContent).toBe('影像档案（未齐全）');
    expect(link.getAttribute('href')).toBe('/archive/archives/31');
    expect(screen.queryByTestId('history-archive-2611290000002')).toBeNull();
  }, 30_000);
});
