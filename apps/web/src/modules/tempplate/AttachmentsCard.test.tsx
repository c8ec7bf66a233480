import type { WarningDetail } from '@shtp/core/tempplate';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import { AttachmentsCard } from './AttachmentsCard';

const FILE = { id: 3, filename: '询问笔录.pdf', mime: 'application/pdf', size: 20480, by: 'tpcheck01', at: '2025-09-10T02:00:00Z' };
const warning = (allowed: boolean, attachments = [FILE]) =>
  ({ id: 7, attachments, actions: { firstCheck: allowed ? { allowed } : { allowed, reason: '只有待初核的工单可以初核' } } }) as unknown as WarningDetail;

const SLOW = { timeout: 15_000 };
const ME = { 'GET /api/auth/me': { status: 200, body: officer([]) } };

describe('AttachmentsCard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the files as downloads and sends a new one as multipart while the first check is open', async () => {
    const fetchMock = mockFetch({ ...ME, 'POST /api/tempplate/warnings/7/attachments': { status: 200, body: [FILE] } });
    const { container } = renderWithProviders(<AttachmentsCard w={warning(true)} />);
    expect((await screen.findByText('询问笔录.pdf', {}, SLOW)).closest('a')?.getAttribute('href')).toBe('/api/tempplate/warnings/7/attachments/3');
    const input = container.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], '现场.pdf', { type: 'application/pdf' })] } });
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => String(url).includes('/attachments'))).toBe(true), SLOW);
    const [, init] = fetchMock.mock.calls.find(([url]) => String(url).includes('/attachments'))!;
    expect((init!.body as FormData).get('files')).toBeInstanceOf(File);
  });

  it('offers no upload once the check is done, and nothing at all without files', async () => {
    mockFetch(ME);
    const { unmount } = renderWithProviders(<AttachmentsCard w={warning(false)} />);
    expect(await screen.findByText('询问笔录.pdf', {}, SLOW)).toBeTruthy();
    expect(screen.queryByTestId('attach-file')).toBeNull();
    unmount();
    renderWithProviders(<AttachmentsCard w={warning(false, [])} />);
    expect(screen.queryByText('初核附件')).toBeNull();
  });
});
