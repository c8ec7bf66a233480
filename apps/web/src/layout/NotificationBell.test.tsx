import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notice } from '../pages/notifications/notification.fixture';
import { testMe } from '../test/me';
import { mockFetch, renderWithProviders } from '../test/render';
import { NotificationBell } from './NotificationBell';

const SLOW = { timeout: 15_000 };

describe('NotificationBell', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the unread count, lists the newest, and opening one marks it read and goes to its page', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: testMe({ username: 's', displayName: '督导', roles: [], permissions: [] }) },
      'GET /api/notifications': {
        status: 200,
        body: {
          items: [notice(7, '3 件业务受理超过 48 小时未采集影像', null), notice(5, '昨日汇总', '2026-12-02T08:00:00Z')],
          total: 2,
          page: 1,
          pageSize: 10,
          unread: 4,
        },
      },
      'POST /api/notifications/7/read': { status: 200, body: notice(7, '3 件业务受理超过 48 小时未采集影像', '2026-12-03T01:00:00Z') },
    });
    renderWithProviders(
      <Routes>
        <Route path="/" element={<NotificationBell />} />
        <Route path="/archive/warnings" element={<p>预警页</p>} />
      </Routes>,
    );
    const bell = await screen.findByRole('button', { name: '通知（4 条未读）' }, SLOW);
    expect(document.querySelector('.ant-badge-count')?.textContent).toBe('4');
    fireEvent.click(bell);
    expect(await screen.findByText('3 件业务受理超过 48 小时未采集影像')).toBeTruthy();
    expect(screen.getByText('昨日汇总')).toBeTruthy();
    fireEvent.click(screen.getByText('3 件业务受理超过 48 小时未采集影像'));
    expect(await screen.findByText('预警页')).toBeTruthy();
    await waitFor(() => expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/notifications/7/read' && init?.method === 'POST')).toBe(true));
  });

  it('marks all read, and shows no badge and an empty list when nothing is there', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: testMe({ username: 's', displayName: '督导', roles: [], permissions: [] }) },
      'GET /api/notifications': { status: 200, body: { items: [notice(9, '今日汇总', null)], total: 1, page: 1, pageSize: 10, unread: 1 } },
      'POST /api/notifications/read-all': { status: 200, body: { updated: 1 } },
    });
    renderWithProviders(<NotificationBell />);
    fireEvent.click(await screen.findByRole('button', { name: '通知（1 条未读）' }, SLOW));
    fireEvent.click(await screen.findByRole('button', { name: '全部已读' }));
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/notifications/read-all' && init?.method === 'POST')).toBe(true),
    );
  });

  it('shows 暂无通知 and no count without notifications (or when they cannot be read), and 查看全部 opens 消息通知', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: testMe({ username: 's', displayName: '督导', roles: [], permissions: [] }) } });
    renderWithProviders(
      <Routes>
        <Route path="/" element={<NotificationBell />} />
        <Route path="/notifications" element={<p>消息通知页</p>} />
      </Routes>,
    );
    fireEvent.click(await screen.findByRole('button', { name: '通知' }, SLOW));
    expect(await screen.findByText('暂无通知')).toBeTruthy();
    expect(document.querySelector('.ant-badge-count')).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: '查看全部' }));
    expect(await screen.findByText('消息通知页')).toBeTruthy();
  });
});
