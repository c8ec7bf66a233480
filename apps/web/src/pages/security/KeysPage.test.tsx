import { type KeyInfo, P } from '@shtp/core/platform';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secadmin } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import KeysPage from './KeysPage';

const SECADMIN = secadmin([P.keyMenu, P.keyList, P.keyRotate]);
const key = (purpose: string, version: number, over: Partial<KeyInfo> = {}): KeyInfo => ({
  purpose,
  label: purpose,
  algorithm: 'SM4',
  version,
  status: 'active',
  createdAt: '2026-03-01T00:00:00.000Z',
  retiredAt: null,
  rotatable: true,
  publicKey: null,
  ...over,
});
const KEYS: KeyInfo[] = [
  key('pii-enc', 2, { label: '个人信息字段加密密钥（SM4）' }),
  key('pii-enc', 1, { label: '个人信息字段加密密钥（SM4）', status: 'retired', retiredAt: '2026-03-02T00:00:00.000Z' }),
  key('pii-index', 1, { label: '个人信息盲索引密钥（HMAC-SM3）', algorithm: 'HMAC-SM3', rotatable: false }),
  key('record-sign', 1, { label: '重要记录签名密钥（SM2）', algorithm: 'SM2', publicKey: `04${'ab'.repeat(64)}` }),
];

/** The session and the list load first; on a busy machine that takes longer than the default second. */
const SLOW = { timeout: 15_000 };

describe('KeysPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each purpose once with its versions, and the blind-index key cannot be rotated', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: SECADMIN }, 'GET /api/system/keys': { status: 200, body: KEYS } });
    renderWithProviders(<KeysPage />);
    const row = (await screen.findByText('个人信息字段加密密钥（SM4）', {}, SLOW)).closest('tr')!;
    expect(within(row).getByText('v2 使用中')).toBeTruthy();
    expect(within(row).getByText('v1 已停用')).toBeTruthy();
    const index = screen.getByText('个人信息盲索引密钥（HMAC-SM3）').closest('tr')!;
    expect(within(index).getByText('不可轮换')).toBeTruthy();
    expect(within(index).queryByText('轮换')).toBeNull();
    expect(screen.getByText(`04${'ab'.repeat(7)}…`)).toBeTruthy(); // the public key, shortened
  });

  it('rotates after a confirmation that explains the re-encryption, and reports the job', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: SECADMIN },
      'GET /api/system/keys': { status: 200, body: KEYS },
      'POST /api/system/keys/pii-enc/rotate': { status: 200, body: { purpose: 'pii-enc', version: 3, reencryptJobId: 17 } },
    });
    renderWithProviders(<KeysPage />);
    fireEvent.click(await screen.findByTestId('key-rotate-pii-enc', {}, SLOW));
    const confirm = (await screen.findByText(/重加密任务/)).closest('.ant-popconfirm') as HTMLElement;
    fireEvent.click(within(confirm).getByRole('button', { name: '轮换' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/system/keys/pii-enc/rotate' && init?.method === 'POST')).toBe(true));
    expect(await screen.findByText(/已轮换为 v3.*#17/)).toBeTruthy();
  });
});
