import type { PreregistrationItem } from '@shtp/core/ebike';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { EP } from './ebike-permissions';
import { officer } from './ebike-test-data';
import PreregistrationsPage from './PreregistrationsPage';

const SLOW = { timeout: 15_000 };
const item = (preregNo: string, status: PreregistrationItem['status']): PreregistrationItem => ({
  preregNo,
  station: '黄浦交警支队非机动车登记点',
  name: '张**',
  idNumber: '3****************8',
  phone: '139****5678',
  zcbm: '223456789012345',
  plateWanted: null,
  brand: '雅迪',
  model: 'TDT1234Z',
  invoiceNo: '2531************5678',
  submittedAt: '2026-12-03T02:00:00.000Z',
  status,
  returnReason: null,
  decidedAt: null,
  lsh: null,
  photos: [],
  actions: {
    decide: status === 'submitted' ? { allowed: true } : { allowed: false, reason: '该预登记已处理' },
    register: status === 'accepted' ? { allowed: true } : { allowed: false, reason: '请先受理该预登记，再办理注册登记' },
  },
});

describe('PreregistrationsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists pre-registrations masked; 受理 from the row’s allowed action with an Idempotency-Key; 退回 asks for the reason', async () => {
    const submitted = item('YD20261203AAAAAAAAAA', 'submitted');
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.register]) },
      'GET /api/ebike/preregistrations': {
        status: 200,
        body: { items: [submitted, item('YD20261203BBBBBBBBBB', 'accepted'), { ...item('YD20261203CCCCCCCCCC', 'registered'), lsh: '3101012026120300001' }] },
      },
      'POST /api/ebike/preregistrations/YD20261203AAAAAAAAAA/decision': { status: 200, body: item('YD20261203AAAAAAAAAA', 'accepted') },
    });
    renderWithProviders(<PreregistrationsPage />);
    const table = await screen.findByTestId('preregistrations', {}, SLOW);
    await waitFor(() => expect(within(table).getByText('YD20261203AAAAAAAAAA')).toBeTruthy(), SLOW);
    expect(within(table).getAllByText('3****************8')).toHaveLength(3);
    expect(within(table).getAllByText('2531************5678')).toHaveLength(3);
    // No clear view without its permission; an accepted row offers 注册登记 only.
    expect(within(table).queryByRole('button', { name: '查看明文' })).toBeNull();
    const [open, decided] = within(table).getAllByRole('row').slice(1);
    expect(
      within(decided!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['注册登记']);
    expect(within(open!).queryByRole('button', { name: '注册登记' })).toBeNull();
    expect(String(fetchMock.mock.calls.find(([url]) => String(url).includes('/preregistrations'))?.[0])).toContain('status=submitted');

    fireEvent.click(within(open!).getByRole('button', { name: '受理' }));
    await waitFor(() => expect(screen.getByText('网上预登记 YD20261203AAAAAAAAAA 已受理')).toBeTruthy(), SLOW);
    const [, init] = fetchMock.mock.calls.find(([url, i]) => String(url).endsWith('/decision') && i?.method === 'POST') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ decision: 'accept' });
    expect(new Headers(init?.headers).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    // The accepted one is offered straight to 注册登记; 稍后办理 leaves it in 已受理.
    expect((await screen.findAllByText('已受理网上预登记 YD20261203AAAAAAAAAA', {}, SLOW)).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: '稍后办理' }));

    fireEvent.click(within(open!).getByRole('button', { name: '退回' }));
    expect(await screen.findByTestId('prereg-return-reason', {}, SLOW)).toBeTruthy();
  });

  it('shows the photos that crossed with a pre-registration when asked, each from the audited photo route', async () => {
    const digest = (c: string) => c.repeat(64);
    const withPhotos: PreregistrationItem = {
      ...item('YD20261203DDDDDDDDDD', 'submitted'),
      photos: [
        { kind: 'vehicle', digest: digest('a'), mime: 'image/jpeg', size: 204_800, uploadedAt: '2026-12-03T02:01:00.000Z' },
        { kind: 'invoice', digest: digest('b'), mime: 'image/png', size: 51_200, uploadedAt: '2026-12-03T02:02:00.000Z' },
      ],
    };
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.register]) },
      'GET /api/ebike/preregistrations': { status: 200, body: { items: [withPhotos, item('YD20261203EEEEEEEEEE', 'submitted')] } },
    });
    renderWithProviders(<PreregistrationsPage />);
    const table = await screen.findByTestId('preregistrations', {}, SLOW);
    await waitFor(() => expect(within(table).getByText('YD20261203EEEEEEEEEE')).toBeTruthy(), SLOW);
    // Nothing is fetched before the window opens them; a row without photos says so.
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(within(within(table).getAllByRole('row')[2]!).getByText('无')).toBeTruthy();
    fireEvent.click(within(table).getByTestId('prereg-photos-YD20261203DDDDDDDDDD'));
    const vehicle = await screen.findByAltText('车辆照片（含号牌安装位置）', {}, SLOW);
    expect(vehicle.getAttribute('src')).toBe(`/api/ebike/preregistrations/YD20261203DDDDDDDDDD/photos/${digest('a')}`);
    expect(screen.getByAltText('购车发票（来历证明）').getAttribute('src')).toBe(`/api/ebike/preregistrations/YD20261203DDDDDDDDDD/photos/${digest('b')}`);
    expect(screen.getByText('200 kB')).toBeTruthy();
  });
});
