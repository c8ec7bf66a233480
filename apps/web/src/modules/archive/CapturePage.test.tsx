import { ARCHIVE_P } from '@shtp/core/archive';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import CapturePage from './CapturePage';

vi.mock('../../api/resumable-upload', () => ({ uploadResumable: async () => ({ uploadId: 'up-1', digest: 'd', size: 1, mime: 'image/jpeg' }) }));

const SLOW = { timeout: 15_000 };
const ARCHIVE = {
  id: 7,
  lsh: '2612030000001',
  businessType: 'register',
  applicant: 'self',
  complete: false,
  version: 0,
  missing: [{ docType: 'origin', required: 1, present: 0 }],
};

describe('CapturePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the officer when recognition proposes another document type, and files the page as confirmed', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.capture]) },
      'POST /api/archive/archives': { status: 200, body: ARCHIVE },
      'POST /api/archive/archives/7/classify': { status: 200, body: { docType: 'origin', recognised: '机动车销售统一发票', confidence: 91 } },
      'POST /api/archive/archives/7/pages': { status: 200, body: { pageId: 1, pages: 1, version: 1, complete: true, missing: [] } },
    });
    renderWithProviders(<CapturePage />);
    fireEvent.change(await screen.findByTestId('capture-lsh', undefined, SLOW), { target: { value: ARCHIVE.lsh } });
    fireEvent.click(screen.getByTestId('capture-open'));
    await screen.findByTestId('capture-missing', undefined, SLOW);

    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'invoice.jpg', { type: 'image/jpeg' });
    fireEvent.change(screen.getByTestId('capture-file'), { target: { files: [file] } });
    expect(await screen.findByText(/该页识别为“机动车销售统一发票”（置信度 91%）/, undefined, SLOW)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /归为来历证明/ }));

    const filed = () => fetchMock.mock.calls.find(([url]) => String(url).endsWith('/api/archive/archives/7/pages'));
    await waitFor(() => expect(filed()).toBeTruthy(), SLOW);
    expect(JSON.parse(String(filed()![1]?.body))).toMatchObject({ uploadId: 'up-1', docType: 'origin', proposedDocType: 'origin', source: 'camera' });
    await screen.findByTestId('capture-complete', undefined, SLOW);
  });

  it('says a PDF was read on its first page and that all its pages are filed as one document', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.capture]) },
      'POST /api/archive/archives': { status: 200, body: ARCHIVE },
      'POST /api/archive/archives/7/classify': { status: 200, body: { docType: 'origin', recognised: '机动车销售统一发票', confidence: 88, pdfPages: 3 } },
    });
    renderWithProviders(<CapturePage />);
    fireEvent.change(await screen.findByTestId('capture-lsh', undefined, SLOW), { target: { value: ARCHIVE.lsh } });
    fireEvent.click(screen.getByTestId('capture-open'));
    await screen.findByTestId('capture-missing', undefined, SLOW);
    const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'scan.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByTestId('capture-file'), { target: { files: [file] } });
    expect(await screen.findByText(/该 PDF（共 3 页）第 1 页识别为“机动车销售统一发票”.*各页将归为同一材料类型/, undefined, SLOW)).toBeTruthy();
  });
});
