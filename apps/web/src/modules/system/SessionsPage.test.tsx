import { type AddressLock, P } from '@shtp/core/platform';
import type { Session } from '@shtp/core/system';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secadmin } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import SessionsPage from './SessionsPage';

const SLOW = { timeout: 15_000 };
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const SESSION: Session = {
  id: 's1',
  userId: 9,
  username: 'officer01',
  displayName: '张警官',
  departmentName: '浦东支队',
  ip: '10.1.2.3',
  userAgent: UA,
  createdAt: '2026-12-01T01:00:00.000Z',
  lastSeenAt: '2026-12-01T02:00:00.000Z',
  expiresAt: '2026-12-01T09:00:00.000Z',
  current: false,
};
const LOCK: AddressLock = { ip: '10.8.0.1', failures: 50, windowStart: '2026-12-01T01:00:00.000Z', lockedUntil: '2026-12-01T01:30:00.000Z' };

describe('SessionsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets the security admin lift a paused address, and keeps 强制下线 beside a long user agent', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: secadmin([P.sessionMenu, P.sessionList, P.sessionKick, P.userUnlock]) },
      'GET /api/system/sessions': { status: 200, body: [SESSION] },
      'GET /api/security/address-locks': { status: 200, body: [LOCK] },
      'POST /api/security/address-locks/10.8.0.1/unlock': { status: 204 },
    });
    renderWithProviders(<SessionsPage />);
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const session = (await screen.findByText('张警官', {}, SLOW)).closest('tr')!;
    expect(within(session).getByText('强制下线')).toBeTruthy();
    fireEvent.click(screen.getByTestId('session-export'));
    expect(assign).toHaveBeenLastCalledWith('/api/system/sessions/export');
    expect(session.querySelector('.user-agent-cell')?.textContent).toBe(UA);

    const lock = (await screen.findByText('10.8.0.1', {}, SLOW)).closest('tr')!;
    expect(within(lock).getByText('50')).toBeTruthy();
    fireEvent.click(within(lock).getByText('解除暂停'));
    fireEvent.click(await screen.findByRole('button', { name: '确定' }));
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([url, init]) => String(url).endsWith('/api/security/address-locks/10.8.0.1/unlock') && init?.method === 'POST')).toBe(
        true,
      ),
    );
  });

  it('shows no address pauses to someone who may not lift them', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: secadmin([P.sessionMenu, P.sessionList]) },
      'GET /api/system/sessions': { status: 200, body: [SESSION] },
    });
    renderWithProviders(<SessionsPage />);
    await screen.findByText('张警官', {}, SLOW);
    expect(screen.queryByText('暂停登录的地址')).toBeNull();
  });
});
