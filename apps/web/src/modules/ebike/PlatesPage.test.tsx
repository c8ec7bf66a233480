import type { Department } from '@shtp/core/system';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { EP } from './ebike-permissions';
import { officer } from './ebike-test-data';
import PlatesPage from './PlatesPage';

const SLOW = { timeout: 15_000 };
const STATS = [
  { departmentId: 3, departmentName: '浦东交警支队', plateKind: 'P', status: 'free', count: 180 },
  { departmentId: 3, departmentName: '浦东交警支队', plateKind: 'P', status: 'allocated', count: 20 },
];
const dept = (id: number, parentId: number | null, name: string): Department => ({
  id,
  parentId,
  code: `3101150${id}0000`,
  name,
  level: parentId === null ? '支队' : '大队',
  sort: id,
  enabled: true,
});
const DEPARTMENTS = [dept(3, null, '浦东交警支队'), dept(7, 3, '浦东交警支队二大队')];

describe('PlatesPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the pools and creates a series for a 大队 of the scope, chosen from the expanded tree', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.plateMenu, EP.plateList, EP.plateManage]) },
      'GET /api/ebike/plates/stats': { status: 200, body: STATS },
      'GET /api/ebike/plates/departments': { status: 200, body: DEPARTMENTS },
      'POST /api/ebike/plates/batches': { status: 200, body: { added: 50, skipped: 0 } },
    });
    renderWithProviders(<PlatesPage />);
    const pool = await screen.findByRole('row', { name: /浦东交警支队/ }, SLOW);
    expect(within(pool).getByText('180')).toBeTruthy();
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    fireEvent.click(screen.getByTestId('plate-export'));
    expect(assign).toHaveBeenCalledWith('/api/ebike/plates/export');

    fireEvent.click(screen.getByTestId('plate-batch-create'));
    // The picker is replaced by an enabled one when the departments arrive.
    const picker = () => screen.getByTestId('plate-batch-department');
    await waitFor(() => expect(picker().className).not.toContain('ant-select-disabled'), SLOW);
    fireEvent.mouseDown(picker().querySelector('.ant-select-selector') ?? picker());
    fireEvent.click(await screen.findByTitle('浦东交警支队二大队', {}, SLOW));
    fireEvent.change(screen.getByTestId('plate-batch-prefix'), { target: { value: '沪CK' } });
    fireEvent.change(screen.getByTestId('plate-batch-count'), { target: { value: '50' } });
    fireEvent.click(screen.getByTestId('plate-batch-save'));

    await waitFor(
      () => expect(fetchMock.mock.calls.some(([url, init]) => String(url).endsWith('/api/ebike/plates/batches') && init?.method === 'POST')).toBe(true),
      SLOW,
    );
    const [, init] = fetchMock.mock.calls.find(([url, i]) => String(url).endsWith('/api/ebike/plates/batches') && i?.method === 'POST')!;
    expect(JSON.parse(String(init?.body))).toEqual({ plateKind: 'P', departmentId: 7, prefix: '沪CK', from: 0, count: 50 });
  });

  it('asks per field in Chinese for what is missing, and refuses a count out of range instead of changing it', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.plateMenu, EP.plateList, EP.plateManage]) },
      'GET /api/ebike/plates/stats': { status: 200, body: STATS },
      'GET /api/ebike/plates/departments': { status: 200, body: DEPARTMENTS },
    });
    renderWithProviders(<PlatesPage />);
    fireEvent.click(await screen.findByTestId('plate-batch-create', {}, SLOW));
    fireEvent.change(screen.getByTestId('plate-batch-count'), { target: { value: '200000' } });
    fireEvent.blur(screen.getByTestId('plate-batch-count'));
    fireEvent.click(screen.getByTestId('plate-batch-save'));
    expect(await screen.findByText('请选择部门', { selector: '.ant-form-item-explain-error' }, SLOW)).toBeTruthy();
    expect(screen.getByText('请输入号段前缀', { selector: '.ant-form-item-explain-error' })).toBeTruthy();
    expect(screen.getByText('一次最多生成 100000 个号码')).toBeTruthy();
    expect((screen.getByTestId('plate-batch-count') as HTMLInputElement).value).toBe('200000'); // not clamped
    expect(fetchMock.mock.calls.some(([url]) => String(url).endsWith('/api/ebike/plates/batches'))).toBe(false);
    expect(document.body.textContent).not.toMatch(/Invalid|expected|须为文本/);
  });

  it('offers no 生成号段 without the permission', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.plateMenu, EP.plateList]) },
      'GET /api/ebike/plates/stats': { status: 200, body: STATS },
    });
    renderWithProviders(<PlatesPage />);
    await screen.findByRole('row', { name: /浦东交警支队/ }, SLOW);
    expect(screen.queryByTestId('plate-batch-create')).toBeNull();
  });
});
