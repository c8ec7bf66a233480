import { ENFORCEMENT_P } from '@shtp/core/enforcement';
import { EXCHANGE_P } from '@shtp/core/exchange';
import { ROADWORKS_P } from '@shtp/core/roadworks';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registeredHomeWidgets } from '../menu/registry';
import { EnforcementHomeWidget } from '../modules/enforcement/EnforcementHomeWidget';
import { registerEnforcementMenu } from '../modules/enforcement/enforcement-menu';
import { ExchangeHomeWidget } from '../modules/exchange/ExchangeHomeWidget';
import { registerExchangeMenu } from '../modules/exchange/exchange-menu';
import { RoadworksHomeWidget } from '../modules/roadworks/RoadworksHomeWidget';
import { registerRoadworksMenu } from '../modules/roadworks/roadworks-menu';
import { statisticValue } from '../test/antd-form';
import { testMe } from '../test/me';
import { mockFetch, renderWithProviders } from '../test/render';

const me = { status: 200, body: testMe({ username: 'o', displayName: '民警', roles: [], permissions: [] }) };
const colour = async (title: string) =>
  ((await screen.findByText(title)).closest('.ant-statistic')?.querySelector('.ant-statistic-content') as HTMLElement | null)?.style.color;

describe('工作台 cards of 道路施工, 交通执法 and 数据交换', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are offered only to holders of the permission of the endpoint each reads', () => {
    registerRoadworksMenu();
    registerEnforcementMenu();
    registerExchangeMenu();
    const permissionOf = (key: string) => registeredHomeWidgets().find((w) => w.key === key)?.permission;
    expect(permissionOf('roadworks-cases')).toBe(ROADWORKS_P.caseMenu);
    expect(permissionOf('enforcement-counts')).toBe(ENFORCEMENT_P.list);
    expect(permissionOf('exchange-attention')).toBe(EXCHANGE_P.view);
  });

  it('道路施工: the cases waiting for a decision, late emergency filings and failed call-backs, linking to 施工办件', async () => {
    mockFetch({ 'GET /api/auth/me': me, 'GET /api/roadworks/cases/counts': { status: 200, body: { received: 7, filingOverdue: 2, syncFailed: 0 } } });
    renderWithProviders(<RoadworksHomeWidget />);
    expect(await statisticValue('待审批')).toBe('7');
    expect(await statisticValue('抢修补办逾期')).toBe('2');
    expect(await statisticValue('结果回传失败')).toBe('0');
    // Work that waits is red only while there is some.
    expect(await colour('抢修补办逾期')).toBe('rgb(207, 19, 34)');
    expect(await colour('结果回传失败')).toBe('');
    expect(screen.getByRole('link', { name: '去处理' }).getAttribute('href')).toBe('/roadworks/cases');
  });

  it('交通执法: today’s decisions, vehicles held and standard uploads refused or waiting, linking to 执法记录', async () => {
    mockFetch({
      'GET /api/auth/me': me,
      'GET /api/enforcement/counts': { status: 200, body: { violationsToday: 12, detentionsHeld: 3, uploadsRejected: 1, uploadsPending: 4 } },
    });
    renderWithProviders(<EnforcementHomeWidget />);
    expect(await statisticValue('今日决定书与警告')).toBe('12');
    expect(await statisticValue('扣留未放行')).toBe('3');
    expect(await statisticValue('标准上传被退回')).toBe('1');
    expect(await statisticValue('标准上传待重试')).toBe('4');
    expect(screen.getByRole('link', { name: '去处理' }).getAttribute('href')).toBe('/enforcement/records');
  });

  it('数据交换: quarantined and held packages and the missing sequence numbers, linking to 数据包与对账', async () => {
    mockFetch({ 'GET /api/auth/me': me, 'GET /api/exchange/attention': { status: 200, body: { quarantined: 1, held: 2, missing: 3 } } });
    renderWithProviders(<ExchangeHomeWidget />);
    expect(await statisticValue('已隔离未重发')).toBe('1');
    expect(await statisticValue('等待缺失序号')).toBe('2');
    expect(await statisticValue('缺失序号')).toBe('3');
    expect(screen.getByRole('link', { name: '去处理' }).getAttribute('href')).toBe('/exchange/packages');
  });
});
