import { ARCHIVE_P } from '@shtp/core/archive';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import CataloguePage from './CataloguePage';

const SLOW = { timeout: 15_000 };
const ROWS = [
  { businessType: 'register', ownerType: '1', applicant: 'self', docType: 'application', minPages: 1 },
  { businessType: 'register', ownerType: '1', applicant: 'self', docType: 'owner_id', minPages: 1 },
  { businessType: 'cancel', ownerType: '2', applicant: 'agent', docType: 'agent_auth', minPages: 1 },
];

describe('CataloguePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('edits the pages of one case and saves the whole catalogue, the other cases as they were', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([ARCHIVE_P.menu, ARCHIVE_P.catalogue]) },
      'GET /api/archive/catalogue': { status: 200, body: ROWS },
      'PUT /api/archive/catalogue': { status: 200, body: ROWS },
    });
    renderWithProviders(<CataloguePage />);
    const pages = (docType: string) => screen.getByTestId(`catalogue-pages-${docType}`) as HTMLInputElement;
    await waitFor(() => expect(pages('owner_id').value).toBe('1'), SLOW);
    expect(pages('ccc').value).toBe('0');

    // Out of range: marked and refused, not lowered to 50 on blur.
    fireEvent.change(pages('ccc'), { target: { value: '60' } });
    fireEvent.blur(pages('ccc'));
    expect(pages('ccc').value).toBe('60');
    expect(screen.getByText('页数须为 0–50 的整数')).toBeTruthy();
    expect((screen.getByTestId('catalogue-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(pages('ccc'), { target: { value: '0' } });
    expect(screen.queryByText('页数须为 0–50 的整数')).toBeNull();

    fireEvent.change(pages('owner_id'), { target: { value: '2' } });
    fireEvent.change(pages('application'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('catalogue-save'));

    const put = () => fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/api/archive/catalogue') && init?.method === 'PUT');
    await waitFor(() => expect(put()).toBeTruthy(), SLOW);
    expect(JSON.parse(String(put()![1]?.body))).toEqual({
      rows: [
        { businessType: 'cancel', ownerType: '2', applicant: 'agent', docType: 'agent_auth', minPages: 1 },
        { businessType: 'register', ownerType: '1', applicant: 'self', docType: 'owner_id', minPages: 2 },
      ],
    });
  });
});
