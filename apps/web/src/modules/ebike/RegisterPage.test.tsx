import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorUnder, pick } from '../../test/antd-form';
import { mockFetch, renderWithProviders } from '../../test/render';
import { EP } from './ebike-permissions';
import { BAD_CHECK_ID, officer, VALID_ID, vehicle } from './ebike-test-data';
import RegisterPage from './RegisterPage';

// The session and the page load first; on a busy machine that takes several seconds.
const SLOW = { timeout: 15_000 };
const me = { status: 200, body: officer([EP.register]) };

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

/** What the window checks on the vehicle and its papers (not in a pre-registration). */
async function fillVehicleChecks() {
  type('vehicle-motor-no', 'MOTOR-0001');
  await pick('vehicle-colours', '白');
  type('vehicle-ccc', '2021011100000001');
  const date = screen.getByTestId('vehicle-purchase-date');
  fireEvent.mouseDown(date);
  fireEvent.change(date, { target: { value: '2026-11-01' } });
  fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
  await pick('vehicle-battery-type', '锂离子电池');
  type('vehicle-battery-voltage', '48');
}

async function fillValidForm() {
  type('vehicle-zcbm', '123456789012345');
  type('vehicle-brand', '雅迪');
  type('vehicle-model', 'Y10');
  await fillVehicleChecks();
  type('vehicle-origin-proof', '12345678');
  type('owner-id-number', VALID_ID);
  type('owner-name', '张三');
  type('owner-phone', '13812345678');
  await pick('owner-district', '黄浦区');
  type('owner-address', '浦东新区世纪大道 100 号');
}

const posts = (fetchMock: ReturnType<typeof mockFetch>) => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');

// A full registration form renders slowly in jsdom on a busy machine.
describe('RegisterPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the shared schema’s Chinese message under a bad ID number and sends nothing', async () => {
    const fetchMock = mockFetch({ 'GET /api/auth/me': me });
    renderWithProviders(<RegisterPage />);
    await screen.findByTestId('register-form', {}, SLOW);
    type('owner-id-number', BAD_CHECK_ID);
    await act(async () => fireEvent.click(screen.getByTestId('register-submit')));
    await waitFor(() => expect(errorUnder('owner-id-number')).toBe('所有人身份证号码校验位错误'), SLOW);
    expect(errorUnder('vehicle-zcbm')).toBe('整车编码必须填写');
    expect(errorUnder('vehicle-battery-type')).toBe('请选择蓄电池类型'); // nothing chosen is not 无效
    expect(posts(fetchMock)).toHaveLength(0);
    // Correcting the field takes its message away; the others stay until they are edited.
    type('owner-id-number', VALID_ID);
    await waitFor(() => expect(errorUnder('owner-id-number')).toBe(''), SLOW);
    expect(errorUnder('vehicle-zcbm')).toBe('整车编码必须填写');
  });

  it('puts the server’s field error under its field, and a retry of the same values reuses the Idempotency-Key', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': me,
      'POST /api/ebike/vehicles': {
        status: 409,
        body: {
          code: 'ZCBM_REGISTERED',
          message: '整车编码 123456789012345 已登记，不能重复注册',
          details: [{ field: 'vehicle.zcbm', message: '该整车编码已登记' }],
        },
      },
    });
    renderWithProviders(<RegisterPage />);
    await screen.findByTestId('register-form', {}, SLOW);
    await fillValidForm();
    await act(async () => fireEvent.click(screen.getByTestId('register-submit')));
    await waitFor(() => expect(errorUnder('vehicle-zcbm')).toBe('该整车编码已登记'), SLOW);

    const [[, first]] = posts(fetchMock) as [[string, RequestInit]];
    const body = JSON.parse(String(first.body));
    expect(body.owner).toMatchObject({ ownerType: '1', idNumber: VALID_ID, districtCode: '310101' });
    expect(body.vehicle).toMatchObject({ colours: ['A'], purchaseDate: '2026-11-01', batteryType: 'lithium', batteryVoltage: 48 });
    expect(body.plateNumber).toBeUndefined();
    const key = (init: RequestInit) => (init.headers as Record<string, string>)['Idempotency-Key'];
    expect(key(first)).toMatch(/^[A-Za-z0-9_-]{8,100}$/);

    await act(async () => fireEvent.click(screen.getByTestId('register-submit')));
    await waitFor(() => expect(posts(fetchMock)).toHaveLength(2), SLOW);
    expect(key(posts(fetchMock)[1]![1]!)).toBe(key(first));

    type('vehicle-zcbm', '123456789012346');
    await act(async () => fireEvent.click(screen.getByTestId('register-submit')));
    await waitFor(() => expect(posts(fetchMock)).toHaveLength(3), SLOW);
    expect(key(posts(fetchMock)[2]![1]!)).not.toBe(key(first));
  });

  it('opens the vehicle page after a registration', async () => {
    mockFetch({ 'GET /api/auth/me': me, 'POST /api/ebike/vehicles': { status: 200, body: { vehicle: vehicle(), business: vehicle().businesses[0] } } });
    function VehicleProbe() {
      return <div>车辆页 {useParams().id}</div>;
    }
    renderWithProviders(
      <Routes>
        <Route path="/ebike/register" element={<RegisterPage />} />
        <Route path="/ebike/vehicles/:id" element={<VehicleProbe />} />
      </Routes>,
      '/ebike/register',
    );
    await screen.findByTestId('register-form', {}, SLOW);
    await fillValidForm();
    await act(async () => fireEvent.click(screen.getByTestId('register-submit')));
    expect(await screen.findByText('车辆页 7', {}, SLOW)).toBeTruthy();
    expect(screen.getByText(/注册登记已办理，号牌 沪C0000001/)).toBeTruthy();
  });

  it('opened from 网上预登记: prefilled from the accepted pre-registration, and the registration names it', async () => {
    const preregNo = 'YD20261203AAAAAAAAAA';
    const fetchMock = mockFetch({
      'GET /api/auth/me': me,
      [`GET /api/ebike/preregistrations/${preregNo}/draft`]: {
        status: 200,
        body: {
          preregNo,
          owner: { ownerType: '1', idNumber: VALID_ID, name: '张三', phone: '13812345678' },
          vehicle: { zcbm: '223456789012345', brand: '雅迪', model: 'TDT1234Z', acquireWay: 'purchase', originProof: '25310000000012345678' },
          plateNumber: null,
        },
      },
      'POST /api/ebike/vehicles': { status: 200, body: { vehicle: vehicle(), business: vehicle().businesses[0] } },
    });
    renderWithProviders(<RegisterPage />, `/ebike/register?prereg=${preregNo}`);
    await waitFor(() => expect((screen.getByTestId('owner-id-number') as HTMLInputElement).value).toBe(VALID_ID), SLOW);
    expect(screen.getByTestId('register-prereg').textContent).toContain(`按网上预登记 ${preregNo} 预填`);
    expect((screen.getByTestId('vehicle-zcbm') as HTMLInputElement).value).toBe('223456789012345');
    expect((screen.getByTestId('vehicle-origin-proof') as HTMLInputElement).value).toBe('25310000000012345678');
    expect((screen.getByTestId('owner-name') as HTMLInputElement).value).toBe('张三');
    // The window completes what the citizen could not fill in online.
    await fillVehicleChecks();
    await pick('owner-district', '黄浦区');
    type('owner-address', '黄浦区人民路 100 号');
    await act(async () => fireEvent.click(screen.getByTestId('register-submit')));
    await waitFor(() => expect(posts(fetchMock)).toHaveLength(1), SLOW);
    const body = JSON.parse(String(posts(fetchMock)[0]![1]!.body));
    expect(body).toMatchObject({ preregNo, owner: { idNumber: VALID_ID, name: '张三' }, vehicle: { zcbm: '223456789012345', brand: '雅迪' } });
  });
});
