import { TEMPPLATE_P as TP } from '@shtp/core/tempplate';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import StatsPage from './StatsPage';

const SLOW = { timeout: 15_000 };
const RULES = [
  { rule: 'T1', ruleName: '同一车架号办理临牌次数过多', raised: 10, assigned: 4, firstChecked: 3, closed: 2, confirmed: 1, overdue: 1, confirmedRate: 0.5 },
  { rule: 'T2', ruleName: '非工作时间办理', raised: 5, assigned: 0, firstChecked: 0, closed: 0, confirmed: 0, overdue: 0, confirmedRate: null },
];
const DEPARTMENTS = [
  { departmentId: 2, departmentName: '黄浦交警支队', month: '2025-03', rule: '', count: 120 },
  { departmentId: 2, departmentName: '黄浦交警支队', month: '2025-03', rule: 'T1', count: 4 },
  { departmentId: 2, departmentName: '黄浦交警支队', month: '2025-04', rule: 'T2', count: 3 },
];

const INTAKE = [{ departmentId: 3, departmentName: '徐汇交警支队', businesses: 40, idCards: 32, nonLocal: 8 }];

describe('StatsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each rule with its confirmed rate and the departments’ businesses and warnings', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([TP.statsMenu, TP.stats]) },
      'GET /api/tempplate/stats/rules': { status: 200, body: RULES },
      'GET /api/tempplate/stats/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/tempplate/stats/intake': { status: 200, body: INTAKE },
    });
    renderWithProviders(<StatsPage />);
    await waitFor(() => expect(within(screen.getByTestId('rule-stats')).getByText('50.0%')).toBeTruthy(), SLOW);
    expect(within(screen.getByTestId('rule-stats')).getByText('—')).toBeTruthy(); // nothing closed: no rate
    const dept = await within(screen.getByTestId('department-stats')).findByText('黄浦交警支队', {}, SLOW);
    expect(dept.closest('tr')?.textContent).toContain('120');
    expect(dept.closest('tr')?.textContent).toContain('T1:4');
    // drill-down: the department × rule count opens the warnings of that department, rule and period
    const href = screen.getByTestId('drill-2-T1').getAttribute('href') ?? '';
    expect(href).toMatch(/^\/tempplate\/warnings\?/);
    expect(Object.fromEntries(new URLSearchParams(href.split('?')[1]))).toMatchObject({ rule: 'T1', departmentId: '2' });
    // the T11 table itself as Excel, for the months shown
    const anomalyHref = screen.getByTestId('export-anomaly-stats').getAttribute('href') ?? '';
    expect(anomalyHref).toMatch(/^\/api\/tempplate\/stats\/departments\/export\?from=\d{4}-\d{2}&to=\d{4}-\d{2}$/);
    // 办理部门统计 over days (T12): the non-Shanghai share of resident IDs, and its export for the same days
    const xuhui = await within(screen.getByTestId('intake-stats')).findByText('徐汇交警支队', {}, SLOW);
    expect(xuhui.closest('tr')?.textContent).toContain('25.0%');
    const exportHref = screen.getByTestId('export-intake-stats').getAttribute('href') ?? '';
    const q = Object.fromEntries(new URLSearchParams(exportHref.split('?')[1]));
    expect(exportHref).toMatch(/^\/api\/tempplate\/stats\/intake\/export\?/);
    expect(q.from! < q.to!).toBe(true);
  });
});
