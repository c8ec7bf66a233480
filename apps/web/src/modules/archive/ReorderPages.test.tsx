import { ARCHIVE_P } from '@shtp/core/archive';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import type { ArchivePage } from './archive-api';
import { ReorderPages } from './ReorderPages';

const SLOW = { timeout: 15_000 };
const page = (id: number, docType: ArchivePage['docType']): ArchivePage => ({
  id,
  docType,
  seq: id,
  mime: 'image/jpeg',
  rendered: true,
  source: 'doc_camera',
  reason: null,
  addedInVersion: 1,
  removedInVersion: null,
  replacesPageId: null,
  capturedByName: '窗口民警01',
  capturedAt: '2026-12-02T08:00:00Z',
});

describe('ReorderPages', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('moves a page down and saves the new order with the reason', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.capture]) },
      'PUT /api/archive/archives/5/order': { status: 200, body: { version: 4 } },
    });
    renderWithProviders(<ReorderPages archiveId={5} pages={[page(11, 'application'), page(12, 'owner_id'), page(13, 'ccc')]} />);
    fireEvent.click(await screen.findByTestId('reorder-open', {}, SLOW));
    fireEvent.click((await screen.findAllByLabelText('下移', {}, SLOW))[0]!);
    fireEvent.change(screen.getByTestId('reorder-reason'), { target: { value: '按页码顺序' } });
    fireEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));

    const put = () => fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/api/archive/archives/5/order') && init?.method === 'PUT');
    await waitFor(() => expect(put()).toBeTruthy(), SLOW);
    expect(JSON.parse(String(put()![1]?.body))).toEqual({ pageIds: [12, 11, 13], reason: '按页码顺序' });
  });
});
