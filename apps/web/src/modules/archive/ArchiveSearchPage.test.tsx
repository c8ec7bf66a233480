import { ARCHIVE_P } from '@shtp/core/archive';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import ArchiveSearchPage from './ArchiveSearchPage';

const SLOW = { timeout: 15_000 };

describe('ArchiveSearchPage 导出Excel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('exports the filter form as it stands, before any search: empty is the whole data scope', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.view]) },
      'GET /api/archive/archives': { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } },
      'GET /api/archive/departments': {
        status: 200,
        body: [{ id: 5, parentId: null, name: '浦东支队', code: '310115', level: '支队', sort: 1, enabled: true }],
      },
    });
    renderWithProviders(<ArchiveSearchPage />);
    fireEvent.click(await screen.findByTestId('search-export', undefined, SLOW));
    expect(assign).toHaveBeenLastCalledWith('/api/archive/archives/export');

    fireEvent.change(screen.getByTestId('search-lsh'), { target: { value: ' 2612010000041 ' } });
    await waitFor(() => {
      fireEvent.click(screen.getByTestId('search-export'));
      expect(assign).toHaveBeenLastCalledWith('/api/archive/archives/export?lsh=2612010000041');
    }, SLOW);
    // A department of the caller's data scope (the tree offered by the server).
    fireEvent.mouseDown(screen.getByTestId('search-department').querySelector('.ant-select-selector') ?? screen.getByTestId('search-department'));
    fireEvent.click(await screen.findByTitle('浦东支队', undefined, SLOW));
    await waitFor(() => {
      fireEvent.click(screen.getByTestId('search-export'));
      expect(assign).toHaveBeenLastCalledWith('/api/archive/archives/export?lsh=2612010000041&departmentId=5');
    }, SLOW);
    // Nothing was searched: the export does not need the list.
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/archive/archives?'))).toBe(false);
  });
});
