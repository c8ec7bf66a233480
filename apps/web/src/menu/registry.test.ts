import { describe, expect, it } from 'vitest';
import { buildMenuItems, type MenuEntry, type MenuGroup } from './registry';

const groups: MenuGroup[] = [
  { key: 'system', label: '系统管理', icon: null },
  { key: 'audit', label: '安全审计', icon: null },
];
const page = (group: string, path: string, label: string, permission: string): MenuEntry => ({ group, path, label, permission, icon: null, element: null });
const entries = [
  page('system', '/system/users', '用户管理', 'system:user'),
  page('system', '/system/roles', '角色管理', 'system:role'),
  page('audit', '/audit/logs', '审计日志', 'audit:log'),
];

describe('buildMenuItems', () => {
  it('keeps only the pages the user holds, in registration order', () => {
    const items = buildMenuItems(groups, entries, new Set(['system:role', 'system:user', 'system:user:list']));
    expect(items.map((group) => [group.label, group.children.map((child) => child.label)])).toEqual([['系统管理', ['用户管理', '角色管理']]]);
  });

  it('gives the auditor only the audit folder', () => {
    const items = buildMenuItems(groups, entries, new Set(['audit', 'audit:log', 'audit:log:list']));
    expect(items).toEqual([{ key: 'audit', label: '安全审计', icon: null, children: [{ key: '/audit/logs', label: '审计日志', icon: null }] }]);
  });

  it('routes but does not list a detail page', () => {
    const detail: MenuEntry = { ...page('system', '/system/users/:id', '用户详情', 'system:user'), hideInMenu: true };
    const items = buildMenuItems(groups, [...entries, detail], new Set(['system:user']));
    expect(items[0]?.children.map((child) => child.key)).toEqual(['/system/users']);
  });

  it('is empty without menu permissions', () => {
    expect(buildMenuItems(groups, entries, new Set(['system:user:list']))).toEqual([]);
  });
});
