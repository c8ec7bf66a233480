import type { Notification } from '@shtp/core/platform';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { NotificationsPage } from './NotificationsPage';
import { notice } from './notification.fixture';

const SLOW = { timeout: 15_000 };
const page = (items: Notification[], total: number, unread: number) => ({ status: 200, body: { items, total, page: 1, pageSize: 20, unread } });
const me = { status: 200, body: testMe({ username: 's', displayName: '督导', roles: [], permissions: [] }) };

/** The query strings the page asked the list with. */
const listQueries = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/notifications?'));
const posted = (fetchMock: ReturnType<typeof mockFetch>, path: string) =>
  fetchMock.mock.calls.some(([url, init]) => String(url) === path && init?.method === 'POST');

describe('NotificationsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists all notifications paged, filters to the unread ones from page 1, and marks one read', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': me,
      'GET /api/notifications': page([notice(7, '3 件业务未采集影像', null), notice(5, '昨日汇总', '2026-12-02T08:00:00Z', null)], 2, 1),
      'POST /api/notifications/7/read': { status: 200, body: notice(7, '3 件业务未采集影像', '2026-12-03T01:00:00Z') },
    });
    renderWithProviders(<NotificationsPage />);
    expect(await screen.findByText('3 件业务未采集影像', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('昨日汇总')).toBeTruthy();
    expect(screen.getByText('1 条未读')).toBeTruthy();
    expect(screen.getByText('共 2 条')).toBeTruthy();
    expect(listQueries(fetchMock)[0]).not.toContain('unread');
    // A read notice without a page has neither 查看 nor 标为已读.
    expect(screen.queryByTestId('notification-open-5')).toBeNull();
    expect(screen.queryByTestId('notification-read-5')).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: '未读' }));
    await waitFor(() => expect(listQueries(fetchMock).some((url) => url.includes('unread=true') && url.includes('page=1'))).toBe(true));

    fireEvent.click(screen.getByTestId('notification-read-7'));
    await waitFor(() => expect(posted(fetchMock, '/api/notifications/7/read')).toBe(true));
  });

  it('opens a notification at its page, marking it read', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': me,
      'GET /api/notifications': page([notice(7, '3 件业务未采集影像', null)], 1, 1),
      'POST /api/notifications/7/read': { status: 200, body: notice(7, '3 件业务未采集影像', '2026-12-03T01:00:00Z') },
    });
    renderWithProviders(
      <Routes>
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/archive/warnings" element={<p>预警页</p>} />
      </Routes>,
      '/notifications',
    );
    fireEvent.click(await screen.findByTestId('notification-open-7', {}, SLOW));
    expect(await screen.findByText('预警页')).toBeTruthy();
    await waitFor(() => expect(posted(fetchMock, '/api/notifications/7/read')).toBe(true));
  });

  it('marks all read', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': me,
      'GET /api/notifications': page([notice(9, '今日汇总', null)], 1, 1),
      'POST /api/notifications/read-all': { status: 200, body: { updated: 1 } },
    });
    renderWithProviders(<NotificationsPage />);
    await screen.findByText('今日汇总', {}, SLOW);
    fireEvent.click(screen.getByRole('button', { name: '全部已读' }));
    await waitFor(() => expect(posted(fetchMock, '/api/notifications/read-all')).toBe(true));
  });

  it('offers no 全部已读 when nothing is unread', async () => {
    mockFetch({ 'GET /api/auth/me': me, 'GET /api/notifications': page([notice(9, '今日汇总', '2026-12-03T01:00:00Z')], 1, 0) });
    renderWithProviders(<NotificationsPage />);
    await screen.findByText('今日汇总', {}, SLOW);
    expect(screen.getByText('没有未读通知')).toBeTruthy();
    expect(screen.getByRole('button', { name: '全部已读' }).hasAttribute('disabled')).toBe(true);
  });
});
