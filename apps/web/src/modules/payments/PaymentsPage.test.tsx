import { PAYMENTS_P, type PaymentOrderListItem } from '@shtp/core/payments';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import PaymentsPage from './PaymentsPage';

const SLOW = { timeout: 15_000 };
const order = (no: string, state: PaymentOrderListItem['state'], refund: boolean): PaymentOrderListItem => ({
  merchantOrderNo: no,
  decisionNo: `31010100000${no.slice(-2)}`,
  fineFen: 5_000,
  lateFeeFen: 300,
  amountFen: 5_300,
  state,
  refundedFen: state === 'refunded' ? 5_300 : 1_000,
  paidAt: '2026-12-02T02:00:00.000Z',
  createdAt: '2026-12-02T01:59:00.000Z',
  actions: { refund: refund ? { allowed: true } : { allowed: false, reason: '只有已缴款的订单可以退款' } },
});
const calls = (fetchMock: ReturnType<typeof mockFetch>, path: string, method = 'GET') =>
  fetchMock.mock.calls.filter(([url, init]) => String(url).split('?')[0] === path && (init?.method ?? 'GET') === method);

describe('PaymentsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists orders, refunds what the server allows with an Idempotency-Key, and shows the reconciliation with its mismatches', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.view, PAYMENTS_P.refund]) },
      'GET /api/payments/orders': {
        status: 200,
        body: { items: [order('FK2026120200000001', 'paid', true), order('FK2026120200000002', 'refunded', false)], total: 2, page: 1, pageSize: 20 },
      },
      'POST /api/payments/orders/FK2026120200000001/refund': { status: 200, body: { ...order('FK2026120200000001', 'refunded', false) } },
      'GET /api/payments/reconciliations': {
        status: 200,
        body: {
          items: [
            {
              day: '2026-12-01',
              matched: 4,
              mismatches: [{ merchantOrderNo: 'FKMISSING0001', kind: 'missing-in-statement', oursFen: 7_000, theirsFen: null }],
              checkedAt: '2026-12-01T18:20:00.000Z',
            },
          ],
          total: 1,
          page: 1,
          pageSize: 20,
        },
      },
      'POST /api/payments/reconciliations': { status: 200, body: { day: '2026-12-01', matched: 4, mismatches: [], checkedAt: '2026-12-02T03:00:00.000Z' } },
    });
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    renderWithProviders(<PaymentsPage />);
    fireEvent.click(await screen.findByTestId('refund-FK2026120200000001', {}, SLOW));
    fireEvent.click(screen.getByTestId('payment-orders-export'));
    expect(assign).toHaveBeenLastCalledWith('/api/payments/orders/export');
    expect(screen.queryByTestId('refund-FK2026120200000002')).toBeNull();
    // The whole remainder is offered: 53.00 − 10.00.
    const amount = screen.getByTestId('refund-amount') as HTMLInputElement;
    expect(amount.value).toBe('43');
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '重复缴款' } });
    // More than is left is refused with a message, not lowered to 43 on blur.
    fireEvent.change(amount, { target: { value: '50' } });
    fireEvent.blur(amount);
    fireEvent.click(screen.getByTestId('refund-save'));
    expect(await screen.findByText('退款金额须在 0.01–43.00 元之间', { selector: '.ant-form-item-explain-error' }, SLOW)).toBeTruthy();
    expect(amount.value).toBe('50');
    expect(calls(fetchMock, '/api/payments/orders/FK2026120200000001/refund', 'POST')).toHaveLength(0);
    fireEvent.change(amount, { target: { value: '43' } });
    fireEvent.click(screen.getByTestId('refund-save'));
    await waitFor(() => expect(calls(fetchMock, '/api/payments/orders/FK2026120200000001/refund', 'POST')).toHaveLength(1), SLOW);
    const [, init] = calls(fetchMock, '/api/payments/orders/FK2026120200000001/refund', 'POST')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ amountFen: 4_300, reason: '重复缴款' });
    expect(new Headers(init?.headers).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/);

    fireEvent.click(screen.getByRole('tab', { name: '每日对账' }));
    const table = await screen.findByTestId('payment-reconciliations', {}, SLOW);
    await within(table).findByText('2026-12-01', {}, SLOW);
    fireEvent.click(within(table).getByRole('button', { name: /展开/ }));
    expect((await within(table).findByText('FKMISSING0001', {}, SLOW)).closest('tr')?.textContent).toContain('本方有、渠道无70.00—');
    fireEvent.click(screen.getByTestId('reconcile-run'));
    await waitFor(() => expect(calls(fetchMock, '/api/payments/reconciliations', 'POST')).toHaveLength(1), SLOW);
    expect(JSON.parse(String(calls(fetchMock, '/api/payments/reconciliations', 'POST')[0]?.[1]?.body)).day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
