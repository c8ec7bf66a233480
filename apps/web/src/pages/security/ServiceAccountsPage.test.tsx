import { P, type ServiceAccount } from '@shtp/core/platform';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secadmin } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import ServiceAccountsPage from './ServiceAccountsPage';

const SECADMIN = secadmin([P.serviceAccountMenu, P.serviceAccountList, P.serviceAccountManage]);
const account = (over: Partial<ServiceAccount>): ServiceAccount => ({
  id: 1,
  appId: 'app_00000000000000a1',
  name: '市交通委数据平台',
  departmentId: 1,
  departmentName: '上海市公安局交通警察总队',
  status: 'active',
  scopes: ['recognition:call'],
  ipAllowlist: [],
  signAlg: 'HMAC-SM3',
  publicKey: null,
  serverPublicKey: null,
  previousKeyValidUntil: null,
  rateLimitRps: 20,
  rateLimitBurst: 40,
  lastUsedAt: null,
  createdBy: '安全管理员',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...over,
});
const HMAC = account({});
const SM2 = account({
  id: 2,
  appId: 'app_00000000000000b2',
  name: '保险行业协会',
  signAlg: 'SM2',
  ipAllowlist: ['10.9.0.0/16'],
  publicKey: `04${'cd'.repeat(64)}`,
});
const page = { items: [HMAC, SM2], total: 2, page: 1, pageSize: 20 };
const SECRET = 'f'.repeat(64);

/** The session and the list load first; on a busy machine that takes longer than the default second. */
const SLOW = { timeout: 15_000 };

describe('ServiceAccountsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  const base = {
    'GET /api/auth/me': { status: 200, body: SECADMIN },
    'GET /api/security/service-accounts': { status: 200, body: page },
    'GET /api/system/departments': { status: 200, body: [] },
  };

  it('lists the apps with their scopes, and flags an app open to any address', async () => {
    mockFetch(base);
    renderWithProviders(<ServiceAccountsPage />);
    const open = (await screen.findByText('市交通委数据平台', {}, SLOW)).closest('tr')!;
    expect(within(open).getByText('不限')).toBeTruthy();
    expect(within(open).getByText('recognition:call')).toBeTruthy();
    const fenced = screen.getByText('保险行业协会').closest('tr')!;
    expect(within(fenced).getByText('10.9.0.0/16')).toBeTruthy();
    expect(within(fenced).queryByText('不限')).toBeNull();
  });

  it('shows a rotated HMAC secret once, and never again after the dialog is closed', async () => {
    const fetchMock = mockFetch({
      ...base,
      'POST /api/security/service-accounts/1/rotate-secret': { status: 200, body: { account: HMAC, secret: SECRET } },
    });
    renderWithProviders(<ServiceAccountsPage />);
    fireEvent.click(await screen.findByTestId(`service-account-rotate-${HMAC.appId}`, {}, SLOW));
    fireEvent.click(await screen.findByTestId('service-account-rotate-confirm'));
    expect((await screen.findByTestId('service-secret')).textContent).toContain(SECRET);
    expect(screen.getByText(/仅显示这一次/)).toBeTruthy();
    const call = fetchMock.mock.calls.find(([url]) => url === '/api/security/service-accounts/1/rotate-secret');
    expect(call?.[1]?.body).toBeUndefined(); // an HMAC rotation sends no key
    fireEvent.click(screen.getByTestId('service-secret-close'));
    await waitFor(() => expect(screen.queryByText(SECRET)).toBeNull());
  });

  it('asks an SM2 rotation for the new public key and puts the server error under the field', async () => {
    mockFetch({
      ...base,
      'POST /api/security/service-accounts/2/rotate-secret': {
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          message: 'SM2 公钥无效',
          details: [{ field: 'publicKey', message: '须为 SM2 公钥（PEM，或 04 开头的 130 位十六进制）' }],
        },
      },
    });
    renderWithProviders(<ServiceAccountsPage />);
    fireEvent.click(await screen.findByTestId(`service-account-rotate-${SM2.appId}`, {}, SLOW));
    fireEvent.change(await screen.findByTestId('service-account-new-public-key'), { target: { value: '04abc' } });
    fireEvent.click(screen.getByTestId('service-account-rotate-confirm'));
    expect(await screen.findByText('须为 SM2 公钥（PEM，或 04 开头的 130 位十六进制）')).toBeTruthy();
  });

  it('checks a new app in the browser before sending: name, department and scope are required, a fractional burst refused', async () => {
    const fetchMock = mockFetch(base);
    renderWithProviders(<ServiceAccountsPage />);
    fireEvent.click(await screen.findByTestId('service-account-create', {}, SLOW));
    const burst = (await screen.findByTestId('service-account-burst')) as HTMLInputElement;
    fireEvent.change(burst, { target: { value: '2.5' } });
    fireEvent.blur(burst);
    expect(burst.value).toBe('2.5'); // kept as typed, not rounded
    fireEvent.click(await screen.findByTestId('service-account-save'));
    expect(await screen.findByText('突发请求数须为整数')).toBeTruthy();
    expect(await screen.findByText('应用名称必须填写')).toBeTruthy();
    expect(screen.getByText('所属部门必须选择')).toBeTruthy();
    expect(screen.getByText('至少授予一个授权范围')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/security/service-accounts' && init?.method === 'POST')).toBe(false);
  });
});
