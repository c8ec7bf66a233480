import { fireEvent, screen, within } from '@testing-library/react';
import { lazy, useState } from 'react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerMenuEntries, registerMenuGroups } from '../menu/registry';
import { testMe } from '../test/me';
import { mockFetch, renderWithProviders } from '../test/render';
import { AppLayout } from './AppLayout';
import { isChunkLoadError } from './PageErrorBoundary';

const ME = testMe({ username: 'u', displayName: '测试员', roles: [], permissions: ['t:menu'] });
const SLOW = { timeout: 15_000 };

function Broken(): never {
  throw new Error('boom');
}
/** A page with state of its own, to see it kept behind another tab. */
function Counter() {
  const [clicks, setClicks] = useState(0);
  return (
    <button type="button" onClick={() => setClicks(clicks + 1)}>
      已点 {clicks} 次
    </button>
  );
}
/** A page whose code is gone from the server after a redeploy. */
const Redeployed = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://x/assets/Page-abc.js')));

beforeAll(() => {
  registerMenuGroups([{ key: 't', label: '测试目录', icon: null }]);
  registerMenuEntries([
    { group: 't', path: '/t/list', label: '测试列表', permission: 't:menu', icon: null, element: <p>列表内容</p> },
    { group: 't', path: '/t/items/:id', label: '测试详情', permission: 't:menu', icon: null, element: <p>详情内容</p>, hideInMenu: true },
    { group: 't', path: '/t/counter', label: '计数页', permission: 't:menu', icon: null, element: <Counter /> },
    { group: 't', path: '/t/broken', label: '出错页', permission: 't:menu', icon: null, element: <Broken /> },
    { group: 't', path: '/t/redeployed', label: '旧版本页', permission: 't:menu', icon: null, element: <Redeployed /> },
  ]);
});

const renderAt = (route: string) =>
  renderWithProviders(
    <Routes>
      <Route element={<AppLayout />}>
        <Route path="/t/list" element={<p>列表内容</p>} />
        <Route path="/t/items/:id" element={<p>详情内容</p>} />
        <Route path="/t/broken" element={<Broken />} />
        <Route path="/t/redeployed" element={<Redeployed />} />
        <Route path="/t/counter" element={<Counter />} />
      </Route>
    </Routes>,
    route,
  );

describe('AppLayout navigation', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the page in a breadcrumb and the browser title; a list page has no back link', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: ME } });
    renderAt('/t/list');
    await screen.findByText('列表内容', {}, SLOW);
    const crumb = document.querySelector('.ant-breadcrumb')!;
    expect(crumb.textContent).toBe('工作台/测试目录/测试列表');
    expect(document.title).toBe('测试列表 - 上海交警综合应用系统');
    expect(screen.queryByText('返回')).toBeNull();
  });

  it('gives a detail page (a pattern route) its title and a back link', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: ME } });
    renderAt('/t/items/42');
    await screen.findByText('详情内容', {}, SLOW);
    expect(document.title).toBe('测试详情 - 上海交警综合应用系统');
    expect(screen.getByText('返回')).toBeTruthy();
  });

  it('keeps the frame when a page fails, with a retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    mockFetch({ 'GET /api/auth/me': { status: 200, body: ME } });
    renderAt('/t/broken');
    expect(await screen.findByText('页面出错', {}, SLOW)).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
    expect(screen.getByText('测试员')).toBeTruthy(); // the header is still there
  });

  it('asks for a reload when the page’s code is gone after a redeploy', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    mockFetch({ 'GET /api/auth/me': { status: 200, body: ME } });
    renderAt('/t/redeployed');
    expect(await screen.findByText('页面已更新，请刷新', {}, SLOW)).toBeTruthy();
    expect(screen.getByRole('button', { name: '刷新页面' })).toBeTruthy();
  });
});

describe('多页签 (tabs of open pages)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.localStorage.clear();
  });

  const tabBar = () => document.querySelector('.open-tabs .ant-tabs-nav') as HTMLElement;
  const tabNames = () => [...tabBar().querySelectorAll('.ant-tabs-tab')].map((t) => t.querySelector('.ant-tabs-tab-btn')?.textContent);
  const hidden = (el: Element) => el.closest('[style*="display: none"]') !== null;
  const menuItem = (label: string) => within(document.querySelector('.ant-layout-sider') as HTMLElement).getByText(label);

  it('are off by default: one page at a time, no tab bar', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: ME } });
    renderAt('/t/counter');
    fireEvent.click(await screen.findByRole('button', { name: '已点 0 次' }, SLOW));
    fireEvent.click(menuItem('测试列表'));
    await screen.findByText('列表内容', {}, SLOW);
    expect(document.querySelector('.open-tabs')).toBeNull();
    expect(screen.queryByText(/已点/)).toBeNull();
  });

  it('once switched on, keep each open page with its state, switch by tab, and close to the neighbour', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: ME } });
    renderAt('/t/counter');
    fireEvent.click(await screen.findByRole('switch', { name: '多页签' }, SLOW));
    expect(window.localStorage.getItem('shtp.console.tabs')).toBe('1');
    const counter = await screen.findByRole('button', { name: '已点 0 次' });
    fireEvent.click(counter);
    fireEvent.click(counter);
    fireEvent.click(menuItem('测试列表'));
    const list = await screen.findByText('列表内容', {}, SLOW);
    expect(tabNames()).toEqual(['计数页', '测试列表']);
    expect(hidden(screen.getByText('已点 2 次'))).toBe(true);
    expect(hidden(list)).toBe(false);

    fireEvent.click(within(tabBar()).getByText('计数页'));
    await screen.findByRole('button', { name: '已点 2 次' }, SLOW); // the state survived
    expect(hidden(screen.getByText('列表内容'))).toBe(true);
    expect(document.title).toBe('计数页 - 上海交警综合应用系统');

    const activeTab = tabBar().querySelector('.ant-tabs-tab-active') as HTMLElement;
    fireEvent.click(activeTab.querySelector('.ant-tabs-tab-remove') as HTMLElement);
    await screen.findByText('列表内容', {}, SLOW);
    expect(tabNames()).toEqual(['测试列表']);
    expect(screen.queryByText(/已点/)).toBeNull();
  });

  it('name a detail page by its parameters', async () => {
    window.localStorage.setItem('shtp.console.tabs', '1');
    mockFetch({ 'GET /api/auth/me': { status: 200, body: ME } });
    renderAt('/t/items/42');
    await screen.findByText('详情内容', {}, SLOW);
    expect(tabNames()).toEqual(['测试详情 · 42']);
  });
});

describe('isChunkLoadError', () => {
  it('knows the browsers’ messages for a missing module and nothing else', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: /assets/a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('error loading dynamically imported module'))).toBe(true);
    expect(isChunkLoadError(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});
