import { ROADWORKS_P } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { supervisor } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { RoutingModal } from './RoutingModal';

const SLOW = { timeout: 15_000 };
const routing = (mapped: Record<string, { id: number; name: string }> = {}) => ({
  districts: Object.keys(SHANGHAI_DISTRICTS).map((districtCode) => ({
    districtCode,
    departmentId: mapped[districtCode]?.id ?? null,
    departmentName: mapped[districtCode]?.name ?? null,
  })),
  departments: [
    { id: 5, name: '黄浦区交警支队' },
    { id: 9, name: '浦东新区交警支队' },
  ],
});

describe('RoutingModal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves the department chosen for a district at once, and shows the inbox for the others', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': {
        status: 200,
        body: supervisor([ROADWORKS_P.caseMenu, ROADWORKS_P.routingEdit]),
      },
      'GET /api/roadworks/routing': { status: 200, body: routing() },
      'PUT /api/roadworks/routing': { status: 200, body: routing({ '310115': { id: 9, name: '浦东新区交警支队' } }) },
    });
    renderWithProviders(<RoutingModal onClose={() => {}} />);
    const select = await screen.findByTestId('routing-310115', {}, SLOW);
    expect(screen.getAllByText('市级收件箱').length).toBe(16);
    fireEvent.mouseDown(select.querySelector('.ant-select-content, input') ?? select);
    fireEvent.click(await screen.findByTitle('浦东新区交警支队', {}, SLOW));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(true), SLOW);
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'PUT')!;
    expect(JSON.parse(String(init?.body))).toEqual({ districtCode: '310115', departmentId: 9 });
    await waitFor(() => expect(screen.getAllByText('市级收件箱').length).toBe(15), SLOW);
  });
});
