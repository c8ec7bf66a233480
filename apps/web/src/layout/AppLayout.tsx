import { Layout, Menu } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/session';
import { preloadPages } from '../menu/lazy-page';
import { buildMenuItems, registeredEntries, registeredGroups } from '../menu/registry';
import { HeaderBar } from './HeaderBar';
import { OpenPages, useTabsPreference } from './OpenTabs';
import { LoadingBar, PageHeading } from './PageHeading';

/** The signed-in frame: sider menu of the pages the user may open, header, and the current page (or, with 多页签, the open pages). */
export function AppLayout() {
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [tabsOn, setTabsOn] = useTabsPreference();

  const items = useMemo(() => buildMenuItems(registeredGroups(), registeredEntries(), new Set(me.permissions)), [me.permissions]);
  const selected = registeredEntries().find((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  const [openKeys, setOpenKeys] = useState<string[]>(() => items.map((group) => group.key));
  // The code of the user's pages is fetched while the browser is idle, so that a first visit does not wait for it.
  useEffect(() => {
    const granted = new Set(me.permissions);
    return preloadPages(
      registeredEntries()
        .filter((entry) => granted.has(entry.permission))
        .map((entry) => entry.element),
    );
  }, [me.permissions]);

  return (
    <Layout className="app-layout">
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220}>
        <button type="button" className="app-logo" onClick={() => navigate('/')} title="工作台">
          {collapsed ? '交警' : '上海交警综合应用系统'}
        </button>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected.path] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <HeaderBar tabsOn={tabsOn} onTabsChange={setTabsOn} />
        <LoadingBar />
        <Layout.Content className="app-content">
          <PageHeading />
          <OpenPages tabsOn={tabsOn} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
