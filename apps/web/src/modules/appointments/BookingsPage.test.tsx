import { APPOINTMENTS_P, type BookingListItem } from '@shtp/core/ebike';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pick } from '../../test/antd-form';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import BookingsPage from './BookingsPage';

const SLOW = { timeout: 15_000 };
const booking: BookingListItem = {
  bookingNo: 'YY20261204AAAAAAAAAA',
  departmentCode: '310101000000',
  station: '黄浦交警支队非机动车登记点',
  day: '2026-12-04',
  slot: '09:00-10:00',
  state: 'booked',
  createdAt: '2026-12-03T02:00:00.000Z',
  cancelledAt: null,
  reminder: { state: 'failed', reason: '手机号码无效', at: '2026-12-03T02:00:00.000Z' },
};

describe('BookingsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('pages the bookings the server lists, with their state and total', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([APPOINTMENTS_P.list, APPOINTMENTS_P.remind]) },
      'GET /api/appointments': { status: 200, body: { items: [booking], total: 41, page: 1, pageSize: 20 } },
      'POST /api/appointments/reminders/run': { status: 200, body: { day: '2026-12-04', jobId: 9 } },
    });
    renderWithProviders(<BookingsPage />);
    expect(await screen.findByText('YY20261204AAAAAAAAAA', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('已预约')).toBeTruthy();
    expect(screen.getByText('共 41 条')).toBeTruthy();
    const asked = fetchMock.mock.calls.map(([url]) => String(url)).find((u) => u.startsWith('/api/appointments'));
    expect(asked).toContain('page=1');
    expect(asked).toContain('pageSize=20');
    // G9: each booking's reminder SMS with its reason; filtered by reminder state on the server.
    expect(screen.getByText('发送失败（手机号码无效）')).toBeTruthy();
    await pick('bookings-reminder', '已暂缓');
    await waitFor(() => expect(fetchMock.mock.calls.map(([url]) => String(url)).some((u) => u.includes('reminder=held'))).toBe(true), SLOW);
    // 立即发送次日提醒 (with its permission) queues the job once per click.
    fireEvent.click(screen.getByTestId('bookings-remind-now'));
    expect(await screen.findByText('已开始发送 2026-12-04 的预约提醒短信，稍后刷新查看结果', {}, SLOW)).toBeTruthy();
    const [, init] = fetchMock.mock.calls.find(([url, i]) => String(url).endsWith('/reminders/run') && i?.method === 'POST') ?? [];
    expect(new Headers(init?.headers).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers 立即发送 only with its permission', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([APPOINTMENTS_P.list]) },
      'GET /api/appointments': { status: 200, body: { items: [booking], total: 1, page: 1, pageSize: 20 } },
    });
    renderWithProviders(<BookingsPage />);
    expect(await screen.findByText('YY20261204AAAAAAAAAA', {}, SLOW)).toBeTruthy();
    expect(screen.queryByTestId('bookings-remind-now')).toBeNull();
  });
});
