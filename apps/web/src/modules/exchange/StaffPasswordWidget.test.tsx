import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import { StaffPasswordWidget } from './StaffPasswordWidget';

const SLOW = { timeout: 15_000 };
const posts = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.filter(([url, init]) => String(url) === '/api/exchange/staff-password' && init?.method === 'POST');

describe('StaffPasswordWidget', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows nothing to an officer whose roles are not recognised in the internet zone', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([]) },
      'GET /api/exchange/staff-password': { status: 200, body: { eligible: false, reason: '您的角色未设置互认到互联网区', issuedAt: null, crossingHours: 72 } },
    });
    const { container } = renderWithProviders(<StaffPasswordWidget />);
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/exchange/staff-password')).toBe(true), SLOW);
    expect(container.querySelector('[data-testid="staff-password"]')).toBeNull();
  });

  it('asks for the initial password once and shows it once', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([]) },
      'GET /api/exchange/staff-password': { status: 200, body: { eligible: true, reason: null, issuedAt: null, crossingHours: 72 } },
      'POST /api/exchange/staff-password': {
        status: 200,
        body: { username: 'supervisor01', password: 'Ab3@xyzXYZ2345', issuedAt: '2026-12-03T10:00:00.000Z' },
      },
    });
    renderWithProviders(<StaffPasswordWidget />);
    expect((await screen.findByTestId('staff-password', {}, SLOW)).textContent).toContain('尚未申请');
    fireEvent.click(screen.getByTestId('staff-password-issue'));
    expect((await screen.findByTestId('initial-password', {}, SLOW)).textContent).toBe('Ab3@xyzXYZ2345');
    expect(screen.getByText(/用它登录互联网区并按提示修改密码/)).toBeTruthy();
    expect(posts(fetchMock)).toHaveLength(1);
  });
});
