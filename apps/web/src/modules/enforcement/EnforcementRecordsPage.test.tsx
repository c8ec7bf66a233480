import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { supervisor } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import EnforcementRecordsPage from './EnforcementRecordsPage';

const SLOW = { timeout: 15_000 };
const supervisorMe = supervisor([FP.menu, FP.list]);
const EMPTY = { items: [], total: 0, page: 1, pageSize: 20 };

describe('EnforcementRecordsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('exports each list under the days chosen for it, the same days the list is read with', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: supervisorMe },
      'GET /api/enforcement/recognition/stats': { status: 200, body: [] },
      'GET /api/enforcement/violations': { status: 200, body: EMPTY },
      'GET /api/enforcement/breath-tests': { status: 200, body: EMPTY },
    });
    renderWithProviders(<EnforcementRecordsPage />);
    await screen.findByTestId('list-violations', {}, SLOW);
    fireEvent.click(screen.getByTestId('export-violations'));
    expect(assign).toHaveBeenLastCalledWith('/api/enforcement/violations/export');

    // 起始日期–截止日期: today as both ends (the panel opens on the current month).
    const today = dayjs().format('YYYY-MM-DD');
    // antd puts the test id on both ends' inputs; the first is 起始日期.
    const start = screen.getAllByTestId('range-violations')[0]!;
    expect(start.getAttribute('placeholder')).toBe('起始日期');
    fireEvent.mouseDown(start);
    fireEvent.click(start);
    const cell = async () => (await screen.findAllByTitle(today, {}, SLOW)).find((c) => c.tagName === 'TD')!;
    fireEvent.click(await cell());
    fireEvent.click(await cell());
    await waitFor(() => {
      fireEvent.click(screen.getByTestId('export-violations'));
      expect(String(assign.mock.lastCall?.[0])).toBe(`/api/enforcement/violations/export?from=${today}&to=${today}`);
    }, SLOW);
    expect(fetchMock.mock.calls.some(([url]) => String(url) === `/api/enforcement/violations?page=1&pageSize=20&from=${today}&to=${today}`)).toBe(true);

    // Another list keeps its own days: 呼气酒精检测 exports all of its records.
    fireEvent.click(screen.getByRole('tab', { name: '呼气酒精检测' }));
    await screen.findByTestId('list-breath-tests', {}, SLOW);
    fireEvent.click(screen.getByTestId('export-breath-tests'));
    expect(assign).toHaveBeenLastCalledWith('/api/enforcement/breath-tests/export');
  });
});
