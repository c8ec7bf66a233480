import { type Device, P } from '@shtp/core/platform';
import type { Department } from '@shtp/core/system';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secadmin } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import DevicesPage from './DevicesPage';

const SECADMIN = secadmin([P.deviceMenu, P.deviceList, P.deviceManage]);
const DEPARTMENTS: Department[] = [{ id: 1, parentId: null, code: '310000', name: '上海市公安局交通警察总队', level: '总队', sort: 0, enabled: true }];
const device = (code: string, over: Partial<Device> = {}): Device => ({
  id: code.length,
  code,
  name: `执法终端 ${code}`,
  departmentId: 1,
  departmentName: '上海市公安局交通警察总队',
  publicKey: `04${'ab'.repeat(64)}`,
  fingerprint: '0123456789abcdef',
  status: 'active',
  capabilities: ['pda'],
  lastSeenAt: null,
  appVersion: null,
  createdBy: '安全管理员',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...over,
});
const PAGE = {
  items: [
    device('PDA-1'),
    device('PDA-002', { status: 'disabled', capabilities: ['pda', 'breathalyser'], lastSeenAt: '2026-03-02T08:30:00.000Z', appVersion: '2.3.1' }),
  ],
  total: 2,
  page: 1,
  pageSize: 20,
};
const SLOW = { timeout: 15_000 };

// Several antd renders per test; on a busy 2-core machine that takes longer than the default 5 s.
describe('DevicesPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists devices with status, last contact and key fingerprint; a disabled one offers 启用', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: SECADMIN },
      'GET /api/system/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/security/devices': { status: 200, body: PAGE },
    });
    renderWithProviders(<DevicesPage />);
    const never = (await screen.findByText('执法终端 PDA-1', {}, SLOW)).closest('tr')!;
    expect(within(never).getByText('从未')).toBeTruthy();
    expect(within(never).getByText('启用')).toBeTruthy(); // the status tag
    expect(within(never).getByTestId('device-disable-PDA-1')).toBeTruthy();
    const seen = screen.getByText('执法终端 PDA-002').closest('tr')!;
    expect(within(seen).getByText(/^2026-03-02 \d\d:30:00$/)).toBeTruthy(); // local time of the test machine
    expect(within(seen).getByText('2.3.1')).toBeTruthy();
    expect(within(seen).getByText('酒精测试仪')).toBeTruthy(); // the device type
    expect(within(never).queryByText('酒精测试仪')).toBeNull();
    expect(within(seen).getByTestId('device-enable-PDA-002')).toBeTruthy();
  });

  it('exports the list under its keyword and status (the shared list toolbar)', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    mockFetch({
      'GET /api/auth/me': { status: 200, body: SECADMIN },
      'GET /api/system/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/security/devices': { status: 200, body: PAGE },
    });
    renderWithProviders(<DevicesPage />);
    await screen.findByText('执法终端 PDA-1', {}, SLOW);
    fireEvent.click(screen.getByTestId('list-export'));
    expect(assign).toHaveBeenLastCalledWith('/api/security/devices/export');
    const box = screen.getByTestId('device-keyword');
    const search = box.querySelector('input') ?? box;
    fireEvent.change(search, { target: { value: 'PDA' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.mouseDown(within(document.querySelector('.status-filter') as HTMLElement).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('停用', {}, SLOW));
    await waitFor(() => {
      fireEvent.click(screen.getByTestId('list-export'));
      expect(String(assign.mock.lastCall?.[0])).toBe('/api/security/devices/export?keyword=PDA&status=disabled');
    }, SLOW);
  });

  it('checks the registration form with the shared schema and sends nothing while a field is invalid', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: SECADMIN },
      'GET /api/system/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/security/devices': { status: 200, body: PAGE },
      'POST /api/security/devices': { status: 200, body: device('PDA-JA-0001') },
    });
    renderWithProviders(<DevicesPage />);
    fireEvent.click(await screen.findByTestId('device-create', {}, SLOW));
    fireEvent.change(await screen.findByTestId('device-code'), { target: { value: '终端一' } });
    fireEvent.click(screen.getByTestId('device-save'));
    expect(await screen.findByText(/终端编号须为 3–64 位/)).toBeTruthy();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('disables a device after confirmation', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: SECADMIN },
      'GET /api/system/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/security/devices': { status: 200, body: PAGE },
      'PUT /api/security/devices/5': { status: 200, body: device('PDA-1', { status: 'disabled' }) },
    });
    renderWithProviders(<DevicesPage />);
    fireEvent.click(await screen.findByTestId('device-disable-PDA-1', {}, SLOW));
    const confirm = (await screen.findByText(/可随时重新启用/)).closest('.ant-popconfirm') as HTMLElement;
    fireEvent.click(within(confirm).getByRole('button', { name: '停用' }));
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(([url, init]) => url === '/api/security/devices/5' && init?.method === 'PUT' && init.body === '{"status":"disabled"}'),
      ).toBe(true),
    );
    expect(await screen.findByText('终端 PDA-1 已停用')).toBeTruthy();
  });
});
