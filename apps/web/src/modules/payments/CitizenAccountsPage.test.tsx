import { type CitizenAccount, PAYMENTS_P } from '@shtp/core/payments';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import CitizenAccountsPage from './CitizenAccountsPage';

const SLOW = { timeout: 15_000 };
const account: CitizenAccount = {
  id: 7,
  idNumber: '3****************2',
  citizenName: '王**',
  createdAt: '2026-12-03T01:00:00.000Z',
  identities: 2,
  lastAssertedAt: '2026-12-03T02:00:00.000Z',
};
const listCalls = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/payments/citizen-accounts'));

describe('CitizenAccountsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the masked accounts and searches by the whole ID number', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.citizenAccounts]) },
      'GET /api/payments/citizen-accounts': { status: 200, body: { items: [account], total: 1, page: 1, pageSize: 20 } },
      'GET /api/payments/citizen-accounts/7/identities': {
        status: 200,
        body: { items: [{ openid: 'ss**************01', filedAt: '2026-12-03T01:00:00.000Z', lastAssertedAt: '2026-12-03T02:00:00.000Z' }] },
      },
    });
    renderWithProviders(<CitizenAccountsPage />);
    expect(await screen.findByText('3****************2', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('王**')).toBeTruthy();
    const search = screen.getByTestId('citizen-account-search').querySelector('input')!;
    fireEvent.change(search, { target: { value: ' 31010119900307002x ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(listCalls(fetchMock).some((u) => u.includes('idNumber=31010119900307002X'))).toBe(true), SLOW);
    const byName = screen.getByTestId('citizen-account-name-search').querySelector('input')!;
    fireEvent.change(byName, { target: { value: ' 王小明 ' } });
    fireEvent.keyDown(byName, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(listCalls(fetchMock).some((u) => u.includes(`name=${encodeURIComponent('王小明')}`))).toBe(true), SLOW);
    // The account's 随申办 identities, masked as the server answers them.
    fireEvent.click(await screen.findByTestId('citizen-identities-7', {}, SLOW));
    expect(await screen.findByText('ss**************01', {}, SLOW)).toBeTruthy();
  });

  it('shows the server’s refusal of a malformed number', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.citizenAccounts]) },
      'GET /api/payments/citizen-accounts': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: '身份证号码校验位不正确', details: [{ field: 'querystring.idNumber', message: '身份证号码校验位不正确' }] },
      },
    });
    renderWithProviders(<CitizenAccountsPage />);
    expect((await screen.findByTestId('citizen-account-error', {}, SLOW)).textContent).toContain('身份证号码校验位不正确');
  });
});
