import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { supervisor } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import QueryLogPage from './QueryLogPage';

const SLOW = { timeout: 15_000 };
const supervisorMe = supervisor([FP.menu, FP.queryLog]);

describe('QueryLogPage (P10)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the counts by officer and day and each handheld query with its keys, hits and device', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: supervisorMe },
      'GET /api/enforcement/query-log/stats': { status: 200, body: [{ username: 'road01', day: '2026-12-02', queries: 7, found: 3 }] },
      'GET /api/enforcement/query-log': {
        status: 200,
        body: {
          items: [
            {
              id: 9,
              ts: '2026-12-02T02:00:00.000Z',
              username: 'road01',
              departmentName: '黄浦交警支队',
              action: 'enforcement.first-violation-check',
              keys: ['idNumber', 'plate'],
              found: 0,
              device: 'PDA-JA-0001',
              result: 'success',
            },
          ],
          total: 1,
          page: 1,
          pageSize: 20,
        },
      },
    });
    renderWithProviders(<QueryLogPage />);
    const stats = await screen.findByTestId('query-stats', {}, SLOW);
    await waitFor(() => expect(within(stats).getByText('7')).toBeTruthy(), SLOW);
    const list = await screen.findByTestId('list-query-log', {}, SLOW);
    await waitFor(() => expect(within(list).getByText('首违核查')).toBeTruthy(), SLOW);
    expect(within(list).getByText('idNumber、plate')).toBeTruthy();
    expect(within(list).getByText('PDA-JA-0001')).toBeTruthy();
  });
});
