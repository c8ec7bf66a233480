import { ARCHIVE_P } from '@shtp/core/archive';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import ArchiveWarningsPage from './ArchiveWarningsPage';

const SLOW = { timeout: 15_000 };
const NONE = { hours: 24, byDepartment: [], items: [], unopened: { byDepartment: [], items: [] } };
const FOUND = {
  ...NONE,
  unopened: {
    byDepartment: [{ departmentId: 3, departmentName: '浦东大队', count: 1, oldestAt: '2026-12-01T02:00:00Z' }],
    items: [{ businessId: 41, lsh: '2612010000041', businessType: 'register', departmentName: '浦东大队', acceptedAt: '2026-12-01T02:00:00Z' }],
  },
};
const queued = { jobId: 7, phase: 'running', error: null, found: null, finishedAt: null };
const reads = (fetchMock: ReturnType<typeof mockFetch>, path: string) => fetchMock.mock.calls.filter(([url]) => String(url).split('?')[0] === path).length;

describe('ArchiveWarningsPage 立即检查', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the queued scan: 检查中… while it runs, then 检查完成 with what it found, and reads the list once more', async () => {
    const replies: Record<string, { status: number; body: unknown }> = {
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.warnings]) },
      'GET /api/archive/warnings': { status: 200, body: NONE },
      'GET /api/archive/warnings/digests': { status: 200, body: [] },
      'POST /api/archive/warnings/scan': { status: 200, body: queued },
      'GET /api/archive/warnings/scan/7': { status: 200, body: queued },
    };
    const fetchMock = mockFetch(replies);
    renderWithProviders(<ArchiveWarningsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '立即检查' }, SLOW));
    await waitFor(() => expect(reads(fetchMock, '/api/archive/warnings/scan/7')).toBeGreaterThan(0), SLOW);
    expect(screen.getByTestId('scan-status').textContent).toBe('检查中…');
    const listReads = reads(fetchMock, '/api/archive/warnings');
    // The worker has run it.
    replies['GET /api/archive/warnings'] = { status: 200, body: FOUND };
    replies['GET /api/archive/warnings/scan/7'] = { status: 200, body: { ...queued, phase: 'done', found: 1, finishedAt: '2026-12-03T08:00:00Z' } };
    await waitFor(() => expect(screen.getByTestId('scan-status').textContent).toBe('检查完成（1 条预警）'), SLOW);
    expect(await screen.findByText('2612010000041', undefined, SLOW)).toBeTruthy();
    expect(reads(fetchMock, '/api/archive/warnings')).toBe(listReads + 1);
  });

  it('says why a scan failed', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.warnings]) },
      'GET /api/archive/warnings': { status: 200, body: NONE },
      'GET /api/archive/warnings/digests': { status: 200, body: [] },
      'POST /api/archive/warnings/scan': { status: 200, body: queued },
      'GET /api/archive/warnings/scan/7': { status: 200, body: { ...queued, phase: 'failed', error: '登记台账暂不可用', finishedAt: '2026-12-03T08:00:00Z' } },
    });
    renderWithProviders(<ArchiveWarningsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '立即检查' }, SLOW));
    await waitFor(() => expect(screen.getByTestId('scan-status').textContent).toBe('检查失败：登记台账暂不可用'), SLOW);
  });
});
