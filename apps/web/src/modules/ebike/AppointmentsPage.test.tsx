import type { AppointmentItem } from '@shtp/core/ebike';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import AppointmentsPage from './AppointmentsPage';
import { EP } from './ebike-permissions';
import { officer } from './ebike-test-data';

const SLOW = { timeout: 15_000 };
const item = (bookingNo: string, state: AppointmentItem['state'], slot: string): AppointmentItem => ({
  bookingNo,
  station: '黄浦交警支队非机动车登记点',
  day: '2026-12-04',
  slot,
  plate: null,
  vin: '123456789012345',
  idNumber: '3****************8',
  phone: '138****5678',
  state,
  bookedAt: '2026-12-03T02:00:00.000Z',
  cancelledAt: state === 'cancelled' ? '2026-12-03T03:00:00.000Z' : null,
  arrival: null,
  arrivalAt: null,
  actions: { arrival: state === 'booked' ? { allowed: true } : { allowed: false, reason: '已取消的预约不能登记到场状态' } },
});

describe('AppointmentsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the day’s bookings masked, with their state and the count of live ones', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.register]) },
      'GET /api/ebike/appointments': {
        status: 200,
        body: { day: '2026-12-04', items: [item('YY20261204AAAAAAAAAA', 'booked', '09:00-10:00'), item('YY20261204BBBBBBBBBB', 'cancelled', '10:00-11:00')] },
      },
    });
    renderWithProviders(<AppointmentsPage />);
    const table = await screen.findByTestId('appointments', {}, SLOW);
    await waitFor(() => expect(within(table).getByText('YY20261204AAAAAAAAAA')).toBeTruthy(), SLOW);
    expect(within(table).getAllByText('3****************8')).toHaveLength(2);
    expect(within(table).getByText('已预约')).toBeTruthy();
    expect(within(table).getByText('已取消')).toBeTruthy();
    expect(screen.getByText(/有效预约 1 条/)).toBeTruthy();
    // Today's date is asked for (the server defaults to today too, but the page names the day it shows).
    const asked = fetchMock.mock.calls.map(([url]) => String(url)).find((u) => u.includes('/api/ebike/appointments'));
    expect(asked).toMatch(/day=\d{4}-\d{2}-\d{2}/);
  });

  it('G13: records a booking 已到场 from the row’s allowed action (with an Idempotency-Key); a refused row has no buttons', async () => {
    const booked = item('YY20261204AAAAAAAAAA', 'booked', '09:00-10:00');
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.register]) },
      'GET /api/ebike/appointments': { status: 200, body: { day: '2026-12-04', items: [booked, item('YY20261204BBBBBBBBBB', 'cancelled', '10:00-11:00')] } },
      'POST /api/ebike/appointments/YY20261204AAAAAAAAAA/arrival': {
        status: 200,
        body: { ...booked, arrival: 'arrived', arrivalAt: '2026-12-04T01:30:00.000Z' },
      },
    });
    renderWithProviders(<AppointmentsPage />);
    const table = await screen.findByTestId('appointments', {}, SLOW);
    await waitFor(() => expect(within(table).getByText('YY20261204AAAAAAAAAA')).toBeTruthy(), SLOW);
    const [liveRow, cancelledRow] = within(table).getAllByRole('row').slice(1);
    expect(within(cancelledRow!).queryByRole('button')).toBeNull();
    fireEvent.click(within(liveRow!).getByRole('button', { name: '已到场' }));
    await waitFor(() => expect(screen.getByText('预约 YY20261204AAAAAAAAAA 已登记为已到场')).toBeTruthy(), SLOW);
    const [, init] = fetchMock.mock.calls.find(([url, i]) => String(url).endsWith('/arrival') && i?.method === 'POST') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ status: 'arrived' });
    expect(new Headers(init?.headers).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
