import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { EbikeHomeWidget } from './EbikeHomeWidget';

const SLOW = { timeout: 15_000 };

describe('EbikeHomeWidget', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('counts the rejected uploads to handle and those waiting, with a chart of all states', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: testMe({ username: 'o', displayName: '民警', roles: [], permissions: [] }) },
      'GET /api/ebike/uploads/stats': { status: 200, body: { counts: { failed: 7, pending: 2, uploading: 1, done: 90 }, failureReasons: [] } },
    });
    renderWithProviders(<EbikeHomeWidget />);
    expect(await screen.findByText('7', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('3')).toBeTruthy();
    expect(screen.getByRole('img', { name: '六合一上传状态分布' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '去处理' }).getAttribute('href')).toBe('/ebike/uploads');
  });
});
