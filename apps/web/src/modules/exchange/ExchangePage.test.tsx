import { EXCHANGE_P, type ExchangePackage } from '@shtp/core/exchange';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import ExchangePage from './ExchangePage';

const SLOW = { timeout: 15_000 };
const pkg = (sequence: number, state: ExchangePackage['state'], reason: string | null, resend: boolean): ExchangePackage => ({
  id: sequence,
  packageId: `00000000-0000-4000-8000-00000000000${sequence}`,
  direction: 'out',
  channel: 'vehicles',
  sequence,
  previousSequence: sequence - 1,
  businessType: '非机动车登记信息',
  recordCount: 10 * sequence,
  bytes: 1000,
  state,
  reason,
  createdAt: '2026-12-02T02:00:00.000Z',
  resentAt: null,
  confirmedAt: null,
  actions: { resend: resend ? { allowed: true } : { allowed: false, reason: '没有执行此操作的权限' } },
});
const calls = (fetchMock: ReturnType<typeof mockFetch>, path: string, method = 'GET') =>
  fetchMock.mock.calls.filter(([url, init]) => String(url).split('?')[0] === path && (init?.method ?? 'GET') === method);

describe('ExchangePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists packages with states, shows gaps and the reconciliation, and resends what the server allows', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EXCHANGE_P.view, EXCHANGE_P.operate]) },
      'GET /api/exchange/packages': {
        status: 200,
        body: { items: [pkg(2, 'sealed', null, true), pkg(1, 'sealed', null, false)], total: 2, page: 1, pageSize: 20 },
      },
      'GET /api/exchange/reconciliation': {
        status: 200,
        body: {
          rows: [{ day: '2026-12-02', direction: 'out', channel: 'vehicles', packages: 2, records: 30, quarantined: 0, confirmed: 30 }],
          gaps: [{ channel: 'payments', missing: [4, 5] }],
        },
      },
      'POST /api/exchange/resend': { status: 200, body: { resent: 1 } },
    });
    renderWithProviders(<ExchangePage />);
    await screen.findByTestId('resend-2', {}, SLOW);
    expect(screen.queryByTestId('resend-1')).toBeNull();
    expect(screen.getByTestId('exchange-gap').textContent).toContain('payments 缺少序号 4、5');
    expect(screen.getByTestId('exchange-reconciliation').textContent).toContain('30');
    fireEvent.click(screen.getByTestId('resend-2'));
    await waitFor(() => expect(calls(fetchMock, '/api/exchange/resend', 'POST')).toHaveLength(1), SLOW);
    expect(JSON.parse(String(calls(fetchMock, '/api/exchange/resend', 'POST')[0]?.[1]?.body))).toEqual({ channel: 'vehicles', sequences: [2] });
  });
});
