import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UploadItem } from '../../api/ebike-queries';
import { mockFetch, renderWithProviders } from '../../test/render';
import { EP } from './ebike-permissions';
import { officer } from './ebike-test-data';
import UploadMonitorPage from './UploadMonitorPage';

// The session and the page load first; on a busy machine that takes several seconds.
const SLOW = { timeout: 15_000 };
const STATS = {
  counts: { pending: 4, uploading: 1, done: 120, failed: 2 },
  failureReasons: [
    { reason: '六合一拒收：车身颜色代码无效', count: 2 },
    { reason: '六合一服务不可用（HTTP 503）', count: 1 },
  ],
};
const item = (businessId: number, status: UploadItem['upload']['status'], error: string | null = null): UploadItem => ({
  businessId,
  vehicleId: 70 + businessId,
  lsh: `26112900000${businessId}`,
  typeLabel: '注册登记',
  plate: `沪C00000${businessId}`,
  departmentName: '浦东交警支队',
  createdAt: '2026-11-29T02:00:00.000Z',
  upload: { status, remoteId: status === 'done' ? `LHY-${businessId}` : null, error, attempts: status === 'pending' ? 0 : 1, uploadedAt: null },
  correctsLsh: null,
  actions: {
    resend: status === 'failed' || status === 'rejected' ? { allowed: true } : { allowed: false, reason: '只有上传失败或被退回的业务可以重新上传' },
    repair: status === 'rejected' ? { allowed: true } : { allowed: false, reason: '只有被六合一退回的业务需要更正重报' },
  },
});
const LIST = { items: [item(21, 'failed', '六合一拒收：车身颜色代码无效'), item(20, 'done')], total: 2, page: 1, pageSize: 20 };
/** The same list as the server sends it to a user without ebike:upload:resend. */
const NO = { allowed: false, reason: '没有执行此操作的权限' };
const LIST_NO_RESEND = { ...LIST, items: LIST.items.map((i) => ({ ...i, actions: { resend: NO, repair: NO } })) };

const calls = (fetchMock: ReturnType<typeof mockFetch>, path: string, method = 'GET') =>
  fetchMock.mock.calls.filter(([url, init]) => String(url).split('?')[0] === path && (init?.method ?? 'GET') === method);

describe('UploadMonitorPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows the counts by state, the failure reasons, and resends a failed row', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.uploadMenu, EP.uploadResend]) },
      'GET /api/ebike/uploads/stats': { status: 200, body: STATS },
      'GET /api/ebike/uploads': { status: 200, body: LIST },
      'POST /api/ebike/uploads/21/resend': { status: 204 },
      'GET /api/ebike/uploads/reconciliations': {
        status: 200,
        body: [
          { day: '2026-11-29', checkedAt: '2026-11-29T18:30:00.000Z', localCount: 3, remoteCount: 3, remoteCounts: { A: 3 }, missing: [], unknown: [] },
          {
            day: '2026-11-28',
            checkedAt: '2026-11-28T18:30:00.000Z',
            localCount: 2,
            remoteCount: 1,
            remoteCounts: { A: 1 },
            missing: ['2611280000002'],
            unknown: [],
          },
        ],
      },
    });
    renderWithProviders(<UploadMonitorPage />);
    await waitFor(() => expect(within(screen.getByTestId('upload-count-done')).getByText('120')).toBeTruthy(), SLOW);
    expect(within(screen.getByTestId('upload-count-pending')).getByText('待上传')).toBeTruthy();
    expect(within(screen.getByTestId('upload-count-pending')).getByText('4')).toBeTruthy();
    expect(within(screen.getByTestId('upload-count-failed')).getByText('2')).toBeTruthy();
    // 每日对账: one day consistent, one with the serial 六合一 lacks.
    const reconciliations = await screen.findByTestId('reconciliations', {}, SLOW);
    await waitFor(() => expect(within(reconciliations).getByText('2611280000002')).toBeTruthy(), SLOW);
    expect(within(reconciliations).getByText('一致')).toBeTruthy();
    expect(within(reconciliations).getByText('不一致')).toBeTruthy();
    expect(screen.getByTestId('reconcile-run')).toBeTruthy();
    expect(screen.getAllByTestId('failure-reason').map((r) => r.textContent)).toEqual(['六合一拒收：车身颜色代码无效2', '六合一服务不可用（HTTP 503）1']);

    // Only the row the server allows (the failed one) can be resent.
    await screen.findByTestId('resend-21', {}, SLOW);
    expect(screen.queryByTestId('resend-20')).toBeNull();
    fireEvent.click(screen.getByTestId('resend-21'));
    await waitFor(() => expect(calls(fetchMock, '/api/ebike/uploads/21/resend', 'POST')).toHaveLength(1), SLOW);
    // The resend refreshes the list and the counts.
    await waitFor(() => expect(calls(fetchMock, '/api/ebike/uploads/stats').length).toBeGreaterThanOrEqual(2), SLOW);
  });

  it('filters by state and offers no resend the server refuses', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.uploadMenu]) },
      'GET /api/ebike/uploads/stats': { status: 200, body: STATS },
      'GET /api/ebike/uploads': { status: 200, body: LIST_NO_RESEND },
    });
    renderWithProviders(<UploadMonitorPage />);
    await screen.findByText('沪C0000021', {}, SLOW);
    expect(screen.queryByTestId('resend-21')).toBeNull();
    fireEvent.click(within(screen.getByTestId('upload-filter')).getByText('失败'));
    await waitFor(() => expect(calls(fetchMock, '/api/ebike/uploads').some(([url]) => String(url).includes('status=failed'))).toBe(true), SLOW);
  });

  it('filters by plate and 流水号, offers the repair of a rejected row, and exports with the same filters', async () => {
    const rejected = { ...item(22, 'rejected', '六合一退回（210）：CCC证书编号应为 16 位数字'), correctsLsh: null };
    const waiting = { ...item(23, 'waiting', `等待前序业务 ${rejected.lsh}（注册登记，上传被拒）`) };
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.uploadMenu, EP.uploadResend]) },
      'GET /api/ebike/uploads/stats': { status: 200, body: STATS },
      'GET /api/ebike/uploads': { status: 200, body: { items: [waiting, rejected], total: 2, page: 1, pageSize: 20 } },
    });
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    renderWithProviders(<UploadMonitorPage />);
    await screen.findByTestId('repair-22', {}, SLOW);
    expect(screen.queryByTestId('repair-23')).toBeNull();
    expect(screen.getByText(/等待前序业务 261129000002/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('upload-plate'), { target: { value: '沪c000001' } });
    fireEvent.change(screen.getByTestId('upload-lsh'), { target: { value: '2611290000022' } });
    fireEvent.click(screen.getByTestId('upload-search'));
    await waitFor(
      () =>
        expect(
          calls(fetchMock, '/api/ebike/uploads').some(([url]) => String(url).includes('plate=%E6%B2%AAc000001') && String(url).includes('lsh=2611290000022')),
        ).toBe(true),
      SLOW,
    );
    fireEvent.click(screen.getByTestId('upload-export'));
    expect(String(assign.mock.calls[0]?.[0])).toMatch(/^\/api\/ebike\/uploads\/export\?.*lsh=2611290000022/);
  });

  it('refreshes itself every 10 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.uploadMenu]) },
      'GET /api/ebike/uploads/stats': { status: 200, body: STATS },
      'GET /api/ebike/uploads': { status: 200, body: LIST },
    });
    renderWithProviders(<UploadMonitorPage />);
    await screen.findByText('沪C0000021', {}, SLOW);
    const before = calls(fetchMock, '/api/ebike/uploads/stats').length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls(fetchMock, '/api/ebike/uploads/stats')).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(5_500);
    await waitFor(() => expect(calls(fetchMock, '/api/ebike/uploads/stats')).toHaveLength(before + 1), SLOW);
    expect(calls(fetchMock, '/api/ebike/uploads').length).toBeGreaterThanOrEqual(2);
  });
});
