import { ARCHIVE_P } from '@shtp/core/archive';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import ArchiveDisposalsPage from './ArchiveDisposalsPage';

const SLOW = { timeout: 15_000 };
const DUE = {
  id: 9,
  lsh: '9605010000001',
  businessType: 'register',
  departmentName: '浦东大队',
  acceptedAt: '1996-05-01T02:00:00Z',
  disposalRequestedAt: null,
  steps: ['request'],
};

describe('ArchiveDisposalsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the archives past their retention period and asks for a disposal with a reason', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.dispose]) },
      'GET /api/archive/disposals': { status: 200, body: { years: 30, items: [DUE] } },
      'POST /api/archive/archives/9/disposal': { status: 200, body: { ...DUE, disposalRequestedAt: '2026-12-03T01:00:00Z' } },
    });
    renderWithProviders(<ArchiveDisposalsPage />);
    fireEvent.click(await screen.findByTestId('disposal-request', undefined, SLOW));
    fireEvent.change(await screen.findByTestId('disposal-reason', undefined, SLOW), { target: { value: '已过保存期限，经核无争议' } });
    fireEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    const posted = () => fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/api/archive/archives/9/disposal') && init?.method === 'POST');
    await waitFor(() => expect(posted()).toBeTruthy(), SLOW);
    expect(JSON.parse(String(posted()![1]?.body))).toEqual({ reason: '已过保存期限，经核无争议' });
  });

  it('approves with an opinion and says how many images were erased and how many are kept for other archives', async () => {
    const asked = {
      ...DUE,
      disposalRequestedAt: '2026-12-03T01:00:00Z',
      disposalRequestedByName: '张三',
      disposalReason: '已过保存期限',
      steps: ['approve', 'reject'],
    };
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.dispose]) },
      'GET /api/archive/disposals': { status: 200, body: { years: 30, items: [asked] } },
      'POST /api/archive/archives/9/disposal/decision': {
        status: 200,
        body: { ...asked, disposedAt: '2026-12-03T02:00:00Z', imagesErased: 14, imagesKept: 2 },
      },
    });
    renderWithProviders(<ArchiveDisposalsPage />);
    fireEvent.click(await screen.findByTestId('disposal-approve', undefined, SLOW));
    fireEvent.change(await screen.findByTestId('disposal-reason', undefined, SLOW), { target: { value: '同意处置' } });
    fireEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    expect(await screen.findByText('已批准处置：擦除影像 14 个，2 个与其他档案或业务共用而保留', undefined, SLOW)).toBeTruthy();
  });
});
