import { TEMPPLATE_P as TP } from '@shtp/core/tempplate';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registeredHomeWidgets } from '../../menu/registry';
import { statisticValue } from '../../test/antd-form';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { TempplateHomeWidget } from './TempplateHomeWidget';
import { registerTempplateMenu } from './tempplate-menu';

describe('TempplateHomeWidget', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is offered on 工作台 only to holders of the warning list permission', () => {
    registerTempplateMenu();
    expect(
      registeredHomeWidgets()
        .filter((w) => w.key === 'tempplate-orders')
        .map((w) => w.permission),
    ).toEqual([TP.warningList]);
  });

  it('counts the orders waiting for the user in each inbox and those overdue, linking to 预警工单', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: testMe({ username: 'o', displayName: '民警', roles: [], permissions: [] }) },
      'GET /api/tempplate/inbox/counts': { status: 200, body: { unassigned: 4, first_check: 11, review: 6, reminded: 1, overdue: 3 } },
    });
    renderWithProviders(<TempplateHomeWidget />);
    expect(await statisticValue('待分配')).toBe('4');
    expect(await statisticValue('待我初核')).toBe('11');
    expect(await statisticValue('待我复核')).toBe('6');
    expect(await statisticValue('超期未办结')).toBe('3');
    expect(screen.getByRole('link', { name: '去处理' }).getAttribute('href')).toBe('/tempplate/warnings');
  });
});
