import { P, type Param } from '@shtp/core/platform';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerMenuGroups } from '../../menu/registry';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import ParamsPage from './ParamsPage';

const SLOW = { timeout: 15_000 };
const param = (key: string, module: string, label: string, description: string): Param => ({
  key,
  module,
  label,
  description,
  type: 'number',
  security: false,
  value: 5,
  defaultValue: 5,
  constraints: {},
  updatedAt: null,
  updatedBy: null,
});
const PARAMS = [
  param('jobs.pollIntervalSeconds', 'jobs', '任务轮询间隔', '工作进程查询到期任务的间隔'),
  param('ebike.maxOwnerVehicles', 'ebike', '每人登记车辆上限', '同一车主名下电动自行车的上限'),
];

beforeAll(() => registerMenuGroups([{ key: 'ebike', label: '电动自行车', icon: null }]));

describe('ParamsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('groups by module under Chinese names, without the keys, and finds by name or description', async () => {
    mockFetch({
      'GET /api/auth/me': {
        status: 200,
        body: testMe({ username: 's', displayName: '系统管理员', roles: [], permissions: [P.paramMenu, P.paramList, P.paramUpdate] }),
      },
      'GET /api/system/params': { status: 200, body: PARAMS },
    });
    renderWithProviders(<ParamsPage />);
    expect(await screen.findByText('任务队列', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('电动自行车')).toBeTruthy();
    expect(screen.queryByText('jobs.pollIntervalSeconds')).toBeNull();
    fireEvent.change(screen.getByTestId('param-search').querySelector('input') ?? screen.getByTestId('param-search'), { target: { value: '车主' } });
    expect(screen.queryByText('任务轮询间隔')).toBeNull();
    expect(screen.getByText('每人登记车辆上限')).toBeTruthy();
    fireEvent.change(screen.getByTestId('param-search').querySelector('input') ?? screen.getByTestId('param-search'), { target: { value: '没有这个' } });
    expect(screen.getByText('没有匹配的参数')).toBeTruthy();
    // The edit dialog names the parameter in Chinese too, never by its key.
    fireEvent.change(screen.getByTestId('param-search').querySelector('input') ?? screen.getByTestId('param-search'), { target: { value: '' } });
    fireEvent.click(within(screen.getByRole('row', { name: /任务轮询间隔/ })).getByRole('button', { name: '修改' }));
    expect(await screen.findByText('修改参数：任务轮询间隔', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('工作进程查询到期任务的间隔', { selector: '.ant-modal *' })).toBeTruthy();
    expect(screen.queryByText('jobs.pollIntervalSeconds')).toBeNull();
    expect(screen.queryByText('参数键')).toBeNull();
  });
});
