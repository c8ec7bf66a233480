import type { ProjectionReport, Reconciliation } from '@shtp/core/ebike';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
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

/** A reconciled day with nothing to report (tests override what they need). */
const DAY: Reconciliation = {
  day: '2026-11-29',
  checkedAt: '2026-11-29T18:30:00.000Z',
  consistent: true,
  localCount: 0,
  remoteCount: 0,
  localCounts: {},
  remoteCounts: {},
  countMismatches: [],
  missing: [],
  missingElsewhere: 0,
  unknown: [],
  unknownCount: 0,
};

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
          { ...DAY, day: '2026-11-29', localCount: 3, remoteCount: 3, localCounts: { A: 3 }, remoteCounts: { A: 3 } },
          {
            ...DAY,
            day: '2026-11-28',
            consistent: false,
            localCount: 1,
            remoteCount: 2,
            localCounts: { A: 1 },
            remoteCounts: { A: 2 },
            countMismatches: [{ key: 'A', label: '注册登记', local: 1, remote: 2 }],
            unknown: ['2611280000002'],
            unknownCount: 1,
          },
        ],
      },
    });
    renderWithProviders(<UploadMonitorPage />);
    await waitFor(() => expect(within(screen.getByTestId('upload-count-done')).getByText('120')).toBeTruthy(), SLOW);
    expect(within(screen.getByTestId('upload-count-pending')).getByText('待上传')).toBeTruthy();
    expect(within(screen.getByTestId('upload-count-pending')).getByText('4')).toBeTruthy();
    expect(within(screen.getByTestId('upload-count-failed')).getByText('2')).toBeTruthy();
    // 每日对账: one day consistent, one with a serial this side has no record of.
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

  it('更正重报 opens the vehicle page with the rejected business to repair; the reason is shown in the row', async () => {
    const rejected = item(22, 'rejected', '六合一退回（299）：业务退回（模拟器故障注入）');
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.uploadMenu, EP.uploadResend]) },
      'GET /api/ebike/uploads/stats': { status: 200, body: STATS },
      'GET /api/ebike/uploads': { status: 200, body: { items: [rejected], total: 1, page: 1, pageSize: 20 } },
    });
    function Where() {
      const at = useLocation();
      return <div data-testid="where">{at.pathname + at.search}</div>;
    }
    renderWithProviders(
      <Routes>
        <Route path="/ebike/uploads" element={<UploadMonitorPage />} />
        <Route path="/ebike/vehicles/:id" element={<Where />} />
      </Routes>,
      '/ebike/uploads',
    );
    const row = (await screen.findByTestId('repair-22', {}, SLOW)).closest('tr')!;
    expect(row.textContent).toContain('六合一退回（299）：业务退回（模拟器故障注入）');
    fireEvent.click(screen.getByTestId('repair-22'));
    expect((await screen.findByTestId('where', {}, SLOW)).textContent).toBe('/ebike/vehicles/92?repair=22');
  });

  it('每日对账 lists the counts that differ and the serials 六合一 lacks with their resend; 台账核对 shows the last report', async () => {
    const day: Reconciliation = {
      ...DAY,
      day: '2026-12-01',
      consistent: false,
      localCount: 5,
      remoteCount: 4,
      localCounts: { A: 3, D: 2 },
      remoteCounts: { A: 2, D: 2 },
      countMismatches: [{ key: 'A', label: '注册登记', local: 3, remote: 2 }],
      missing: [
        {
          lsh: '2612010000031',
          businessId: 31,
          vehicleId: 9,
          upload: { status: 'failed', remoteId: null, error: '对账（2026-12-01）：六合一没有该流水号，请重新上传', attempts: 1, uploadedAt: null },
          actions: { resend: { allowed: true } },
        },
      ],
      missingElsewhere: 2,
    };
    const report: ProjectionReport = {
      checkedAt: '2026-12-01T20:10:00.000Z',
      result: 'failure',
      checked: 120,
      rebuild: false,
      differences: [{ vehicleId: 9, items: ['brand', 'stolen'] }],
    };
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.uploadMenu, EP.uploadResend]) },
      'GET /api/ebike/uploads/stats': { status: 200, body: STATS },
      'GET /api/ebike/uploads': { status: 200, body: LIST },
      'GET /api/ebike/uploads/reconciliations': { status: 200, body: [day] },
      'GET /api/ebike/uploads/projection-report': { status: 200, body: report },
      'POST /api/ebike/uploads/31/resend': { status: 204 },
    });
    renderWithProviders(<UploadMonitorPage />);
    expect((await screen.findByTestId('reconcile-count-A', {}, SLOW)).textContent).toBe('注册登记：本系统 3，六合一 2');
    const card = screen.getByTestId('reconciliations');
    expect(within(card).getByText('不一致')).toBeTruthy();
    expect(within(card).getByText('其他部门 2 笔（不在您的数据范围内）')).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('reconcile-missing-2612010000031')).getByText('重新上传'));
    await waitFor(() => expect(calls(fetchMock, '/api/ebike/uploads/31/resend', 'POST')).toHaveLength(1), SLOW);
    const checked = await within(screen.getByTestId('projection-report')).findByText(/核对 120 辆车，1 辆与台账不一致/, {}, SLOW);
    expect(checked).toBeTruthy();
    expect(screen.getByTestId('projection-report').textContent).toContain('车辆 9：brand、stolen');
  });

  it('立即核对 queues the check and the card asks again until a newer report arrives', async () => {
    const old: ProjectionReport = { checkedAt: '2026-12-01T20:10:00.000Z', result: 'success', checked: 120, rebuild: false, differences: [] };
    const fresh: ProjectionReport = { ...old, checkedAt: '2026-12-02T03:00:05.000Z', checked: 121 };
    const replies: Parameters<typeof mockFetch>[0] = {
      'GET /api/auth/me': { status: 200, body: officer([EP.uploadMenu, EP.uploadResend]) },
      'GET /api/ebike/uploads/stats': { status: 200, body: STATS },
      'GET /api/ebike/uploads': { status: 200, body: LIST },
      'GET /api/ebike/uploads/reconciliations': { status: 200, body: [] },
      'GET /api/ebike/uploads/projection-report': { status: 200, body: old },
      'POST /api/ebike/uploads/projection-check': { status: 202, body: { jobId: 7, state: 'pending', queuedAt: '2026-12-02T03:00:00.000Z' } },
    };
    const fetchMock = mockFetch(replies);
    renderWithProviders(<UploadMonitorPage />);
    const card = await screen.findByTestId('projection-report', {}, SLOW);
    await within(card).findByText(/核对 120 辆车/, {}, SLOW);
    fireEvent.click(screen.getByTestId('projection-check-run'));
    await waitFor(() => expect(calls(fetchMock, '/api/ebike/uploads/projection-check', 'POST')).toHaveLength(1), SLOW);
    expect(screen.getByTestId('projection-check-run').textContent).toBe('核对中');
    replies['GET /api/ebike/uploads/projection-report'] = { status: 200, body: fresh }; // the job has run
    await within(card).findByText(/核对 121 辆车/, {}, { timeout: 30_000 });
    expect(screen.getByTestId('projection-check-run').textContent).toBe('立即核对');
  });
});
