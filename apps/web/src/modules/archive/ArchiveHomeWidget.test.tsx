import { ARCHIVE_P as AP } from '@shtp/core/archive';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registeredHomeWidgets } from '../../menu/registry';
import { statisticValue } from '../../test/antd-form';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { ArchiveHomeWidget } from './ArchiveHomeWidget';
import { registerArchiveMenu } from './archive-menu';

const dept = (departmentId: number, count: number) => ({ departmentId, departmentName: `部门${departmentId}`, count, oldestAt: '2026-12-01T08:00:00Z' });

describe('ArchiveHomeWidget', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is offered on 工作台 only to holders of the warnings permission', () => {
    registerArchiveMenu();
    expect(
      registeredHomeWidgets()
        .filter((w) => w.key === 'archive-warnings')
        .map((w) => w.permission),
    ).toEqual([AP.warnings]);
  });

  it('totals the incomplete and never-opened businesses over the departments in scope, not the shortened item lists', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: testMe({ username: 'o', displayName: '民警', roles: [], permissions: [] }) },
      'GET /api/archive/warnings': {
        status: 200,
        body: { hours: 48, byDepartment: [dept(1, 7), dept(2, 5)], items: [], unopened: { byDepartment: [dept(2, 2)], items: [] } },
      },
    });
    renderWithProviders(<ArchiveHomeWidget />);
    expect(await statisticValue('缺少必需材料')).toBe('12');
    expect(await statisticValue('从未打开档案')).toBe('2');
    expect(screen.getByText('统计受理超过 48 小时的业务')).toBeTruthy();
    expect(screen.getByRole('link', { name: '去处理' }).getAttribute('href')).toBe('/archive/warnings');
  });
});
