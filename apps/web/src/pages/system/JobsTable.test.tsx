import { type Job, P } from '@shtp/core/platform';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { JobsTable } from './JobsTable';

const SLOW = { timeout: 15_000 };
const job = (id: number, over: Partial<Job>): Job => ({
  id,
  queue: 'ebike.demo-population',
  state: 'running',
  attempts: 1,
  maxAttempts: 100,
  runAt: '2026-12-01T00:00:00.000Z',
  lastError: null,
  progress: null,
  idempotencyKey: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  finishedAt: null,
  ...over,
});

describe('JobsTable', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the progress of a long job as a bar with done / total, and a dash for a job that does not report', async () => {
    mockFetch({
      'GET /api/auth/me': {
        status: 200,
        body: testMe({ username: 'sysadmin', displayName: '系统管理员', roles: [{ code: 'sysadmin', name: '系统管理员' }], permissions: [P.jobList] }),
      },
      'GET /api/jobs/stats': { status: 200, body: [] },
      'GET /api/jobs': {
        status: 200,
        body: {
          items: [job(1, { progress: { done: 50_000, total: 200_000 } }), job(2, { queue: 'ebike.upload', state: 'succeeded' })],
          total: 2,
          page: 1,
          pageSize: 20,
        },
      },
    });
    renderWithProviders(<JobsTable />);
    const running = (await screen.findByText('ebike.demo-population', {}, SLOW)).closest('tr')!;
    expect(within(running).getByText('50,000 / 200,000')).toBeTruthy();
    expect(within(running).getByText('25%')).toBeTruthy();
    const plain = screen.getByText('ebike.upload').closest('tr')!;
    expect(within(plain).queryByRole('progressbar')).toBeNull();
  });
});
