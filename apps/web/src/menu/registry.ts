import type { ReactNode } from 'react';

/** A top-level menu folder such as 系统管理. */
export interface MenuGroup {
  key: string;
  label: string;
  icon: ReactNode;
}

/** One page of the console: its route, menu label, the menu permission that opens it and the page itself. */
export interface MenuEntry {
  path: string;
  label: string;
  permission: string;
  icon: ReactNode;
  group: string;
  element: ReactNode;
  /** A page reached from another page (such as a record's detail), routed but not listed in the sider. */
  hideInMenu?: boolean;
}

// Type aliases rather than interfaces, so antd's Menu accepts them as its item types.
export type MenuPageItem = {
  key: string;
  label: string;
  icon: ReactNode;
};

export type MenuGroupItem = MenuPageItem & { children: MenuPageItem[] };

const groups: MenuGroup[] = [];
const entries: MenuEntry[] = [];

/** Modules call these at start-up to add their folders and pages to the console. */
export function registerMenuGroups(added: MenuGroup[]): void {
  groups.push(...added);
}

export function registerMenuEntries(added: MenuEntry[]): void {
  entries.push(...added);
}

export function registeredGroups(): readonly MenuGroup[] {
  return groups;
}

export function registeredEntries(): readonly MenuEntry[] {
  return entries;
}

/** The sider menu: only pages whose permission is granted, only folders that keep at least one page. */
export function buildMenuItems(menuGroups: readonly MenuGroup[], menuEntries: readonly MenuEntry[], granted: ReadonlySet<string>): MenuGroupItem[] {
  return menuGroups.flatMap((group) => {
    const children = menuEntries
      .filter((entry) => entry.group === group.key && !entry.hideInMenu && granted.has(entry.permission))
      .map((entry) => ({ key: entry.path, label: entry.label, icon: entry.icon }));
    return children.length > 0 ? [{ key: group.key, label: group.label, icon: group.icon, children }] : [];
  });
}

/**
 * A module's card on the 工作台: its user's work and to-dos (e.g. rejected uploads), shown to holders of `permission`;
 * without one, to every signed-in user (the card then decides from its own request whether it shows anything).
 */
export interface HomeWidget {
  key: string;
  permission?: string;
  element: ReactNode;
}

const widgets: HomeWidget[] = [];

/** Modules add their 工作台 cards beside their menu entries (optional part of the console's module contract). */
export function registerHomeWidgets(added: HomeWidget[]): void {
  widgets.push(...added);
}

export function registeredHomeWidgets(): readonly HomeWidget[] {
  return widgets;
}
