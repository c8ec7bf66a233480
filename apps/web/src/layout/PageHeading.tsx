import { ArrowLeftOutlined } from '@ant-design/icons';
import { useIsFetching } from '@tanstack/react-query';
import { Breadcrumb, Button, Spin } from 'antd';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { registeredEntries, registeredGroups } from '../menu/registry';
import { documentTitle, pageTrail } from './page-trail';

/** Breadcrumb (工作台 / folder / page), the browser tab's title, and a back link on detail pages. */
export function PageHeading() {
  const { pathname, key } = useLocation();
  const navigate = useNavigate();
  const trail = pageTrail(pathname, registeredGroups(), registeredEntries());
  const title = documentTitle(trail);
  useEffect(() => {
    document.title = title;
  }, [title]);
  if (!trail || pathname === '/') return null;
  const items = [{ title: <Link to="/">工作台</Link> }, ...(trail.group ? [{ title: trail.group }] : []), { title: trail.title }];
  return (
    <div className="page-heading">
      {trail.detail && (
        // A page opened in a new tab has no history of its own (key "default"): back then goes to the 工作台.
        <Button type="link" icon={<ArrowLeftOutlined />} className="page-back" onClick={() => (key === 'default' ? navigate('/') : navigate(-1))}>
          返回
        </Button>
      )}
      <Breadcrumb items={items} />
    </div>
  );
}

/** A thin bar at the top while a page's code or data loads, so that a slow switch is never a frozen screen. */
export function LoadingBar() {
  const fetching = useIsFetching();
  return fetching > 0 ? <div className="loading-bar" role="progressbar" aria-label="加载中" /> : null;
}

/** What a page shows while its code loads. */
export function PageLoading() {
  return (
    <>
      <div className="loading-bar" role="progressbar" aria-label="页面加载中" />
      <Spin className="page-loading" />
    </>
  );
}
