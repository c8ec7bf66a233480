import type { Me, SignatureVerification } from '@shtp/core/platform';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../test/me';
import { mockFetch, renderWithProviders } from '../test/render';
import { SignatureBadge } from './SignatureBadge';

// The providers load the session first.
const me: Me = testMe({
  id: 3,
  username: 'auditadmin',
  displayName: '审计管理员',
  department: { id: 1, name: '上海市公安局交通警察总队' },
  roles: [{ code: 'auditadmin', name: '审计管理员' }],
  permissions: [],
});
const session = { 'GET /api/auth/me': { status: 200, body: me } };

const verification = (valid: boolean): SignatureVerification => ({
  valid,
  keyVersion: 2,
  signerKeyId: 'record-sign:2',
  signedAt: '2026-03-01T08:30:00.000Z',
  signedBy: '执勤民警01',
  algorithm: 'SM2-with-SM3',
});

/** The session loads first; on a busy machine that takes longer than the default second. */
const SLOW = { timeout: 15_000 };

describe('SignatureBadge', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server about this record and shows a valid signature with key version and signer', async () => {
    const fetchMock = mockFetch({ ...session, 'GET /api/signatures/accident-report/42': { status: 200, body: verification(true) } });
    renderWithProviders(<SignatureBadge type="accident-report" id={42} />);
    expect((await screen.findByTestId('signature-badge', {}, SLOW)).textContent).toBe('校验中');
    const tag = await screen.findByText('签名有效', {}, SLOW);
    expect(fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/signatures/'))).toHaveLength(1);
    fireEvent.mouseEnter(tag);
    expect((await screen.findByRole('tooltip')).textContent).toMatch(/v2.*执勤民警01/);
  });

  it('warns in red when the record no longer matches its signature', async () => {
    mockFetch({ ...session, 'GET /api/signatures/accident-report/7': { status: 200, body: verification(false) } });
    renderWithProviders(<SignatureBadge type="accident-report" id="7" />);
    const tag = await screen.findByText('签名无效·记录可能被篡改', {}, SLOW);
    expect(tag.closest('.ant-tag')?.className).toContain('red');
  });

  it('does not claim validity when the check itself fails', async () => {
    mockFetch(session);
    renderWithProviders(<SignatureBadge type="accident-report" id="8" />);
    expect(await screen.findByText('签名无法校验', {}, SLOW)).toBeTruthy();
    expect(screen.queryByText('签名有效')).toBeNull();
  });
});
