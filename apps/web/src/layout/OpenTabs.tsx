import { Tabs } from 'antd';
import { Activity, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { type Location, matchPath, UNSAFE_LocationContext, useLocation, useNavigate, useNavigationType, useOutlet } from 'react-router';
import { registeredEntries, registeredGroups } from '../menu/registry';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageHeading';
import { pageTrail } from './page-trail';

/** At most this many pages stay open; opening one more closes the one used longest ago. */
export const MAX_OPEN_TABS = 10;
const HOME = '/';
const PREFERENCE_KEY = 'shtp.console.tabs';

interface OpenTab {
  /** The page's path: one tab per page (each vehicle page is its own). */
  key: string;
  /** Where the page was last, its query included, to come back to. */
  location: Location;
  usedAt: number;
}

/** The user's choice of 多页签 (RuoYi-style tabs of open pages), kept in this browser. */
export function useTabsPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => window.localStorage.getItem(PREFERENCE_KEY) === '1');
  const set = useCallback((value: boolean) => {
    window.localStorage.setItem(PREFERENCE_KEY, value ? '1' : '0');
    setOn(value);
  }, []);
  return [on, set];
}

/** A tab's name: the page's title, and for a detail page its path's parameters (车辆 · 12). */
export function tabLabel(pathname: string): string {
  const trail = pageTrail(pathname, registeredGroups(), registeredEntries());
  if (!trail) return '页面';
  const entry = registeredEntries().find((e) => matchPath({ path: e.path, end: true }, pathname));
  const params = Object.values(matchPath({ path: entry?.path ?? pathname, end: true }, pathname)?.params ?? {}).filter(Boolean);
  return params.length > 0 ? `${trail.title} · ${params.join(' ')}` : trail.title;
}

function withPage(tabs: OpenTab[], location: Location): OpenTab[] {
  const now = Date.now();
  const open = tabs.some((t) => t.key === location.pathname);
  let next = open
    ? tabs.map((t) => (t.key === location.pathname ? { ...t, location, usedAt: now } : t))
    : [...tabs, { key: location.pathname, location, usedAt: now }];
  while (next.length > MAX_OPEN_TABS) {
    const oldest = next.filter((t) => t.key !== HOME && t.key !== location.pathname).sort((a, b) => a.usedAt - b.usedAt)[0];
    if (!oldest) break;
    next = next.filter((t) => t !== oldest);
  }
  return next;
}

/**
 * The current page — or, with 多页签 on, every open page: the others are kept hidden with their state (filters, a form
 * half filled in) in React's <Activity>, which also stops their effects (no polling) until they are shown again. Each
 * kept page sees its own address, never the one of the page in front.
 */
export function OpenPages({ tabsOn }: { tabsOn: boolean }) {
  const location = useLocation();
  const navigationType = useNavigationType();
  const navigate = useNavigate();
  const outlet = useOutlet();
  const pages = useRef(new Map<string, ReactNode>());
  const [tabs, setTabs] = useState<OpenTab[]>([]);
  const active = location.pathname;

  // The element of the page in front is the live one; the others keep the element they were left with.
  pages.current.set(active, outlet);
  useEffect(() => {
    setTabs((current) => withPage(tabsOn ? current : [], location));
  }, [location, tabsOn]);

  const shown = tabsOn ? withPage(tabs, location) : [{ key: active, location, usedAt: 0 }];
  for (const key of pages.current.keys()) if (!shown.some((t) => t.key === key)) pages.current.delete(key);

  const close = (key: string) => {
    const index = shown.findIndex((t) => t.key === key);
    const rest = shown.filter((t) => t.key !== key);
    setTabs(rest);
    const neighbour = rest[Math.min(index, rest.length - 1)] ?? { location: { pathname: HOME, search: '', hash: '' } };
    if (key === active) navigate(neighbour.location);
  };

  return (
    <>
      {tabsOn && (
        <Tabs
          className="open-tabs"
          type="editable-card"
          size="small"
          hideAdd
          activeKey={active}
          onChange={(key) => {
            const tab = shown.find((t) => t.key === key);
            if (tab) navigate(tab.location);
          }}
          onEdit={(key, action) => {
            if (action === 'remove' && typeof key === 'string') close(key);
          }}
          items={[...shown]
            .sort((a, b) => Number(b.key === HOME) - Number(a.key === HOME))
            .map((t) => ({ key: t.key, label: tabLabel(t.key), closable: t.key !== HOME }))}
        />
      )}
      {shown.map((tab) => (
        <Activity key={tab.key} mode={tab.key === active ? 'visible' : 'hidden'}>
          <UNSAFE_LocationContext.Provider value={{ location: tab.key === active ? location : tab.location, navigationType }}>
            {/* One boundary per page: an error stays on its page, the next page starts clean. */}
            <PageErrorBoundary>
              <Suspense fallback={<PageLoading />}>{pages.current.get(tab.key)}</Suspense>
            </PageErrorBoundary>
          </UNSAFE_LocationContext.Provider>
        </Activity>
      ))}
    </>
  );
}
