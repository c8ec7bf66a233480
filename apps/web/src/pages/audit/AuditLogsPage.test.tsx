import { type AuditActionGroup, type AuditEntry, P } from '@shtp/core/platform';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import AuditLogsPage from './AuditLogsPage';

const SLOW = { timeout: 15_000 };
const AUDITOR = testMe({
  username: 'auditadmin',
  displayName: '审计管理员',
  roles: [{ code: 'auditadmin', name: '审计管理员' }],
  permissions: [P.auditMenu, P.auditList],
});
const CATALOGUE: AuditActionGroup[] = [
  { module: 'platform', label: '平台与系统管理', actions: { 'auth.login': '登录' } },
  { module: 'ebike', label: '电动自行车', actions: { 'ebike.pii-view': '查看车主完整信息', 'ebike.transfer': '转移登记' } },
];
const entry = (id: number, action: string): AuditEntry =>
  ({
    id,
    ts: '2026-12-01T01:00:00.000Z',
    userId: 3,
    username: 'officer01',
    departmentName: '浦东支队',
    ip: '10.1.1.1',
    action,
    targetType: 'nm_vehicle',
    targetId: '7',
    result: 'success',
    reason: null,
  }) as AuditEntry;

describe('AuditLogsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names business actions from the module catalogue and offers them in the 操作 filter by module', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: AUDITOR },
      'GET /api/audit/actions': { status: 200, body: CATALOGUE },
      'GET /api/audit/logs': { status: 200, body: { items: [entry(1, 'ebike.pii-view'), entry(2, 'something.unnamed')], total: 2, page: 1, pageSize: 20 } },
    });
    renderWithProviders(<AuditLogsPage />);
    const row = (await screen.findByText('查看车主完整信息', {}, SLOW)).closest('tr')!;
    expect(within(row).getByText('officer01')).toBeTruthy();
    expect(screen.getByText('something.unnamed')).toBeTruthy(); // unnamed: shown as its code, never hidden
    expect(screen.queryByText('ebike.pii-view')).toBeNull();

    fireEvent.mouseDown(screen.getByTestId('audit-action').querySelector('.ant-select-selector') ?? screen.getByTestId('audit-action'));
    expect(await screen.findByText('电动自行车', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('平台与系统管理')).toBeTruthy();
    expect(screen.getByText('转移登记')).toBeTruthy();
  });
});
