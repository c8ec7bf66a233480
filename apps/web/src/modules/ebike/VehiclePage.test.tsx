import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../shared/format';
import { errorUnder, pick } from '../../test/antd-form';
import { mockFetch, renderWithProviders } from '../../test/render';
import { EP } from './ebike-permissions';
import { actions, business, officer, vehicle } from './ebike-test-data';
import VehiclePage from './VehiclePage';
import VehicleQueryPage from './VehicleQueryPage';

// The session and the page load first; on a busy machine that takes several seconds.
const SLOW = { timeout: 15_000 };

function renderVehiclePage() {
  renderWithProviders(
    <Routes>
      <Route path="/ebike/vehicles/:id" element={<VehiclePage />} />
    </Routes>,
    '/ebike/vehicles/7',
  );
}

const HISTORY = [
  business({
    id: 13,
    lsh: '2611290000013',
    type: 'change',
    typeLabel: '变更登记',
    ywlx: 'D',
    ywyy: 'DC',
    changes: [{ item: 'colours', label: '车身颜色', before: '白', after: '蓝/黑' }],
    upload: { status: 'failed', remoteId: null, error: '六合一拒收：车身颜色代码无效', attempts: 3, uploadedAt: null },
  }),
  business({
    id: 12,
    lsh: '2611290000012',
    type: 'theft',
    typeLabel: '失窃登记',
    reason: '2026-11-28 于世纪公园失窃',
    changes: [{ item: 'stolen', label: '失窃', before: 'false', after: 'true' }],
    upload: { status: 'pending', remoteId: null, error: null, attempts: 0, uploadedAt: null },
  }),
  business(),
];

describe('VehiclePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the history: serial, business, reason, each change as before → after, upload state with its reason, signature', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query]) },
      'GET /api/ebike/vehicles/7': { status: 200, body: vehicle({ businesses: HISTORY }) },
      'POST /api/signatures/ebike-business/verify': {
        status: 200,
        body: { '2611290000013': { valid: false, keyVersion: 1 }, '2611290000012': null, '2611290000011': null },
      },
    });
    renderVehiclePage();
    const table = await screen.findByTestId('business-history', {}, SLOW);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('td')?.textContent)).toEqual(['2611290000013', '2611290000012', '2611290000011']);

    const change = within(rows[0]!);
    expect(change.getByText('变更登记')).toBeTruthy();
    expect(change.getByText('DC 变更车身颜色')).toBeTruthy();
    expect(change.getByText('车身颜色：白 → 蓝/黑')).toBeTruthy();
    expect(change.getByText('失败')).toBeTruthy();
    fireEvent.mouseEnter(change.getByText('失败'));
    expect(await screen.findByText('六合一拒收：车身颜色代码无效（已尝试 3 次）', {}, SLOW)).toBeTruthy();
    expect(await change.findByText('签名无效·记录可能被篡改', {}, SLOW)).toBeTruthy();

    expect(within(rows[1]!).getByText('2026-11-28 于世纪公园失窃')).toBeTruthy();
    expect(within(rows[1]!).getByText('待上传')).toBeTruthy();
    expect(within(rows[1]!).getByText('失窃：否 → 是')).toBeTruthy();
    expect(within(rows[2]!).getByText('已上传')).toBeTruthy();
    // The history's signatures are verified in one request, by their 流水号 (one audit record for the page).
    await waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/signatures/ebike-business/'))).toHaveLength(1), SLOW);
    const [, init] = fetchMock.mock.calls.find(([url]) => String(url).startsWith('/api/signatures/'))!;
    expect(JSON.parse(String(init?.body))).toEqual({ ids: ['2611290000013', '2611290000012', '2611290000011'] });
  });

  it('prints the vehicle record, and the 受理回执 of a business alone from the history', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query]) },
      'GET /api/ebike/vehicles/7': { status: 200, body: vehicle({ businesses: HISTORY }) },
      'POST /api/signatures/ebike-business/verify': { status: 200, body: {} },
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderVehiclePage();
    fireEvent.click(await screen.findByTestId('vehicle-print', {}, SLOW));
    expect(print).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByTestId('receipt-2611290000013'));
    const receipt = await screen.findByTestId('receipt', {}, SLOW);
    expect(receipt.textContent).toContain('上海市电动自行车变更登记受理回执');
    expect(receipt.textContent).toContain('2611290000013');
    expect(receipt.closest('.print-sheet')).toBeTruthy(); // what the print style sheet prints alone
    fireEvent.click(screen.getByTestId('receipt-print'));
    expect(print).toHaveBeenCalledTimes(2);

    // The registration's receipt: its 流水号, the plate, the owner masked as the page shows it, the day it was done.
    fireEvent.click(screen.getAllByRole('button', { name: '关闭' })[0]!);
    await waitFor(() => expect(screen.queryByTestId('receipt')).toBeNull(), SLOW);
    fireEvent.click(screen.getByTestId('receipt-2611290000011'));
    const registration = (await screen.findByTestId('receipt', {}, SLOW)).textContent ?? '';
    expect(registration).toContain('上海市电动自行车注册登记受理回执');
    expect(registration).toContain('流水号2611290000011');
    expect(registration).toContain('号牌号码沪C0000001');
    expect(registration).toContain('所有人张*');
    expect(registration).toContain('证件号码310115********1234');
    expect(registration).toContain(`办理时间${formatDateTime('2026-11-29T02:00:00.000Z')}`);
  });

  it('offers exactly the businesses the server allows this user, in the page’s order, and nothing it refuses', async () => {
    mockFetch({
      // The session's permissions do not matter: the vehicle's actions decide.
      'GET /api/auth/me': { status: 200, body: officer([EP.query, EP.transfer, EP.change, EP.correct, EP.piiView, EP.label]) },
      'GET /api/ebike/vehicles/7': {
        status: 200,
        body: vehicle({ stolen: true, statusLabels: ['被盗抢'], actions: actions(['cancel', 'lock', 'recover']) }),
      },
    });
    renderVehiclePage();
    await screen.findByTestId('business-history', {}, SLOW);
    const shown = screen.getAllByTestId(/^action-/).map((b) => b.dataset.testid);
    expect(shown).toEqual(['action-recover', 'action-lock', 'action-cancel']);
    expect(screen.queryByTestId('show-clear')).toBeNull();
  });

  it('更正 offers the businesses and items the server allows, and sends the chosen items', async () => {
    const history = [
      business({
        id: 13,
        lsh: '2611290000013',
        type: 'change',
        typeLabel: '变更登记',
        changes: [{ item: 'colours', label: '车身颜色', before: '白', after: '蓝' }],
      }),
      business({ id: 12, lsh: '2611290000012', type: 'lock', typeLabel: '锁定' }),
      business(),
    ];
    const correct = {
      allowed: true,
      targets: [
        { businessId: 13, items: ['colours' as const] },
        { businessId: 11, items: ['model' as const, 'name' as const] },
      ],
    };
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query]) },
      'GET /api/ebike/vehicles/7': { status: 200, body: vehicle({ businesses: history, actions: actions(['correct'], { correct }) }) },
      'POST /api/ebike/vehicles/7/correct': { status: 200, body: { vehicle: vehicle(), business: business({ id: 14, type: 'correct' }) } },
    });
    renderVehiclePage();
    fireEvent.click(await screen.findByTestId('action-correct', {}, SLOW));
    const select = await screen.findByTestId('correct-business', {}, SLOW);
    fireEvent.mouseDown(select.querySelector('[role="combobox"]') ?? select);
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBe(2), SLOW);
    const businesses = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);
    expect(businesses).toEqual(['2611290000013 变更登记', '2611290000011 注册登记']);
    await pick('correct-business', '2611290000011 注册登记');
    await pick('correct-items', '型号');
    const items = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);
    expect(items.slice(-2)).toEqual(['型号', '所有人姓名']);
    fireEvent.change(await screen.findByTestId('correct-item-model', {}, SLOW), { target: { value: 'Y20' } });
    fireEvent.change(screen.getByTestId('correct-reason'), { target: { value: '登记时型号录入错误' } });
    await act(async () => fireEvent.click(screen.getByTestId('correct-save')));
    const posts = () => fetchMock.mock.calls.filter(([url]) => url === '/api/ebike/vehicles/7/correct');
    await waitFor(() => expect(posts()).toHaveLength(1), SLOW);
    expect(JSON.parse(String(posts()[0]![1]?.body))).toEqual({ businessId: 11, items: { model: 'Y20' }, reason: '登记时型号录入错误', version: 3 });
  });

  it('asks for a refresh when someone else changed the vehicle, and shows a refusal as the server words it', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query, EP.lock]) },
      'GET /api/ebike/vehicles/7': { status: 200, body: vehicle({ actions: actions(['lock']) }) },
      'POST /api/ebike/vehicles/7/lock': { status: 409, body: { code: 'VERSION_CONFLICT', message: '数据已被他人修改，请刷新后重试', details: [] } },
    });
    renderVehiclePage();
    fireEvent.click(await screen.findByTestId('action-lock', {}, SLOW));
    fireEvent.change(await screen.findByTestId('lock-reason', {}, SLOW), { target: { value: '涉案车辆' } });
    await act(async () => fireEvent.click(screen.getByTestId('lock-save')));
    expect((await screen.findByTestId('business-problem', {}, SLOW)).textContent).toContain('数据已被他人修改，请刷新后重试');
    const [, init] = fetchMock.mock.calls.find(([url, i]) => url === '/api/ebike/vehicles/7/lock' && i?.method === 'POST')!;
    expect(JSON.parse(String(init?.body))).toEqual({ reason: '涉案车辆', version: 3 });

    fetchMock.mockImplementation(async () =>
      Response.json({ code: 'BUSINESS_REFUSED', message: '车辆已注销，不能再办理任何业务（注销为终态）', details: [] }, { status: 409 }),
    );
    await act(async () => fireEvent.click(screen.getByTestId('lock-save')));
    await waitFor(() => expect(screen.getByTestId('business-problem').textContent).toBe('车辆已注销，不能再办理任何业务（注销为终态）'), SLOW);

    const loads = () => fetchMock.mock.calls.filter(([url, i]) => url === '/api/ebike/vehicles/7' && (i?.method ?? 'GET') === 'GET').length;
    fetchMock.mockImplementation(async () =>
      Response.json({ code: 'VERSION_CONFLICT', message: '数据已被他人修改，请刷新后重试', details: [] }, { status: 409 }),
    );
    await act(async () => fireEvent.click(screen.getByTestId('lock-save')));
    const before = loads();
    fireEvent.click(await screen.findByTestId('business-refresh', {}, SLOW));
    await waitFor(() => expect(loads()).toBe(before + 1), SLOW);
  });

  it('asks for a purpose and a reason before the owner is shown in clear; an empty reason is refused in Chinese', async () => {
    const clear = vehicle({ masked: false, owner: { ...vehicle().owner, name: '张三', idNumber: '310115********1234', phone: '13812345678' } });
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query, EP.piiView]) },
      'GET /api/ebike/vehicles/7': { status: 200, body: vehicle({ actions: actions([], { piiView: { allowed: true, fullIdPurposes: [] } }) }) },
      'POST /api/ebike/vehicles/7/pii-view': { status: 200, body: clear },
    });
    renderVehiclePage();
    expect((await screen.findByTestId('owner-name-view', {}, SLOW)).textContent).toBe('张*');
    fireEvent.click(screen.getByTestId('show-clear'));
    expect(await screen.findByText(/记入审计日志/, {}, SLOW)).toBeTruthy();
    expect(screen.queryByTestId('pii-view-full-id')).toBeNull(); // the server allows the whole number for no purpose
    await pick('pii-view-purpose', '登记业务办理');
    await act(async () => fireEvent.click(screen.getByTestId('pii-view-save')));
    await waitFor(() => expect(errorUnder('pii-view-reason')).toBe('请填写查看原因'), SLOW);
    const posts = () => fetchMock.mock.calls.filter(([url]) => url === '/api/ebike/vehicles/7/pii-view');
    expect(posts()).toHaveLength(0);

    fireEvent.change(screen.getByTestId('pii-view-reason'), { target: { value: '联系车主办理变更' } });
    await act(async () => fireEvent.click(screen.getByTestId('pii-view-save')));
    await waitFor(() => expect(posts()).toHaveLength(1), SLOW);
    expect(JSON.parse(String(posts()[0]![1]?.body))).toEqual({ purpose: 'business', reason: '联系车主办理变更', fullIdNumber: false });
    await waitFor(() => expect(screen.getByTestId('owner-name-view').textContent).toBe('张三'), SLOW);
    expect(screen.getByTestId('clear-tag').textContent).toBe('明文（已记录审计）');
    fireEvent.click(screen.getByRole('button', { name: /恢复脱敏/ }));
    expect(screen.getByTestId('owner-name-view').textContent).toBe('张*');
  });

  it('offers the whole ID number only for the purposes the server allows this user', async () => {
    const piiView = { allowed: true, fullIdPurposes: ['identity_check' as const, 'case' as const] };
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query, EP.piiView, EP.piiViewFullId]) },
      'GET /api/ebike/vehicles/7': { status: 200, body: vehicle({ actions: actions([], { piiView }) }) },
      'POST /api/ebike/vehicles/7/pii-view': { status: 200, body: vehicle({ masked: false, fullIdNumber: true }) },
    });
    renderVehiclePage();
    fireEvent.click(await screen.findByTestId('show-clear', {}, SLOW));
    const fullId = (await screen.findByTestId('pii-view-full-id', {}, SLOW)) as HTMLInputElement;
    expect(fullId.disabled).toBe(true);
    expect(screen.getByText('仅“核对当事人身份”“案件办理”可显示完整号码')).toBeTruthy();
    await pick('pii-view-purpose', '登记业务办理');
    expect(fullId.disabled).toBe(true);
    await pick('pii-view-purpose', '案件办理');
    await waitFor(() => expect(fullId.disabled).toBe(false), SLOW);
    fireEvent.click(fullId);
    fireEvent.change(screen.getByTestId('pii-view-reason'), { target: { value: '案件办理核对身份' } });
    await act(async () => fireEvent.click(screen.getByTestId('pii-view-save')));
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => url === '/api/ebike/vehicles/7/pii-view')).toBe(true), SLOW);
    const [, init] = fetchMock.mock.calls.find(([url]) => url === '/api/ebike/vehicles/7/pii-view')!;
    expect(JSON.parse(String(init?.body))).toEqual({ purpose: 'case', reason: '案件办理核对身份', fullIdNumber: true });
    expect((await screen.findByTestId('clear-tag', {}, SLOW)).textContent).toBe('明文·完整号码（已记录审计）');
  });

  it('shows the security label, and lets a user change it to a label the server allows, with a reason', async () => {
    const label = { allowed: true, labels: ['public' as const, 'internal' as const, 'sensitive' as const, 'confidential' as const] };
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query, EP.label]) },
      'GET /api/ebike/vehicles/7': { status: 200, body: vehicle({ securityLabel: 'sensitive', actions: actions([], { label }) }) },
      'POST /api/ebike/vehicles/7/label': { status: 200, body: vehicle({ securityLabel: 'confidential' }) },
    });
    renderVehiclePage();
    expect((await screen.findByTestId('vehicle-label', {}, SLOW)).textContent).toBe('敏感');
    fireEvent.click(screen.getByTestId('action-label'));
    await pick('label-select', '机密');
    await act(async () => fireEvent.click(await screen.findByTestId('label-save', {}, SLOW)));
    await waitFor(() => expect(errorUnder('label-reason')).toBe('设置原因必须填写'), SLOW);
    fireEvent.change(screen.getByTestId('label-reason'), { target: { value: '受保护人员车辆' } });
    await act(async () => fireEvent.click(screen.getByTestId('label-save')));
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => url === '/api/ebike/vehicles/7/label')).toBe(true), SLOW);
    const [, init] = fetchMock.mock.calls.find(([url]) => url === '/api/ebike/vehicles/7/label')!;
    expect(JSON.parse(String(init?.body))).toEqual({ label: 'confidential', reason: '受保护人员车辆' });
  });

  it('offers no label above what the server allows this user', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query, EP.label]) },
      'GET /api/ebike/vehicles/7': {
        status: 200,
        body: vehicle({ actions: actions([], { label: { allowed: true, labels: ['public', 'internal', 'sensitive'] } }) }),
      },
    });
    renderVehiclePage();
    fireEvent.click(await screen.findByTestId('action-label', {}, SLOW));
    const select = await screen.findByTestId('label-select', {}, SLOW);
    fireEvent.mouseDown(select.querySelector('[role="combobox"]') ?? select);
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBe(3), SLOW);
    expect([...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent)).toEqual(['公开', '内部', '敏感']);
  });

  it('a rejected business: the banner says why and which later ones wait; the history offers 更正重报 and 重新上传', async () => {
    const rejected = business({
      upload: { status: 'rejected', remoteId: null, error: '六合一退回（307）：六合一无该车登记记录', attempts: 1, uploadedAt: null },
    });
    const waiting = business({
      id: 12,
      lsh: '2611290000012',
      type: 'theft',
      typeLabel: '失窃登记',
      upload: { status: 'waiting', remoteId: null, error: '等待前序业务 2611290000011（注册登记，上传被拒）', attempts: 0, uploadedAt: null },
    });
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query, EP.correct, EP.uploadResend]) },
      'GET /api/ebike/vehicles/7': {
        status: 200,
        body: vehicle({ businesses: [waiting, rejected], actions: actions(['correct'], { resend: { allowed: true, businessIds: [11] } }) }),
      },
      'POST /api/signatures/ebike-business/verify': { status: 200, body: {} },
      'POST /api/ebike/uploads/11/resend': { status: 204 },
    });
    renderVehiclePage();
    const banner = await screen.findByTestId('rejected-info', {}, SLOW);
    expect(banner.textContent).toContain('六合一退回了 2611290000011（注册登记）');
    expect(banner.textContent).toContain('六合一退回（307）：六合一无该车登记记录');
    expect(banner.textContent).toContain('重新上传');
    expect(screen.queryByTestId('repair-12')).toBeNull(); // a waiting business is not repaired itself
    expect(screen.queryByTestId('resend-12')).toBeNull();
    fireEvent.click(screen.getByTestId('resend-11'));
    await waitFor(
      () => expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/ebike/uploads/11/resend' && init?.method === 'POST')).toBe(true),
      SLOW,
    );
    fireEvent.click(screen.getByTestId('repair-11'));
    await screen.findByText('更正 · 沪C0000001', {}, SLOW);
    expect(screen.getByText('2611290000011 注册登记')).toBeTruthy(); // the rejected business, chosen for its repair
  });

  it('offers no 重新上传 the server refuses', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query]) },
      'GET /api/ebike/vehicles/7': {
        status: 200,
        body: vehicle({
          businesses: [business({ upload: { status: 'rejected', remoteId: null, error: '六合一退回（299）', attempts: 1, uploadedAt: null } })],
        }),
      },
      'POST /api/signatures/ebike-business/verify': { status: 200, body: {} },
    });
    renderVehiclePage();
    await screen.findByTestId('rejected-info', {}, SLOW);
    expect(screen.queryByTestId('resend-11')).toBeNull();
    expect(screen.queryByTestId('repair-11')).toBeNull();
  });

  it('单项查询 exports the results of the query it shows', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([EP.query]) },
      'GET /api/ebike/vehicles': { status: 200, body: [vehicle()] },
    });
    renderWithProviders(<VehicleQueryPage />);
    const search = (await screen.findByTestId('query-text', {}, SLOW)).querySelector('input')!;
    expect(screen.queryByTestId('query-export')).toBeNull(); // nothing to export before a query
    fireEvent.change(search, { target: { value: '沪C0000001' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await within(await screen.findByTestId('query-results', {}, SLOW)).findByText('沪C0000001', {}, SLOW);
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    fireEvent.click(screen.getByTestId('query-export'));
    expect(assign).toHaveBeenCalledWith(`/api/ebike/vehicles/export?plate=${encodeURIComponent('沪C0000001')}`);
  });
});
