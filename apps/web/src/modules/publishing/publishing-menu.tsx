import { ApiOutlined, NotificationOutlined } from '@ant-design/icons';
import { PUBLISHING_P } from '@shtp/core/publishing';
import { lazyPage } from '../../menu/lazy-page';
import { registerMenuEntries, registerMenuGroups } from '../../menu/registry';

const ContentsPage = lazyPage(() => import('./ContentsPage'));
const HubPage = lazyPage(() => import('./HubPage'));

/** 信息发布 (internet zone): notices and consultation answers (drafted, reviewed by another person, published, withdrawn); the 一网通办 hub (G4). */
export function registerPublishingMenu(): void {
  registerMenuGroups([{ key: 'publishing', label: '信息发布', icon: <NotificationOutlined /> }]);
  registerMenuEntries([
    {
      group: 'publishing',
      path: '/publishing/contents',
      label: '通知公告与办事咨询',
      permission: PUBLISHING_P.menu,
      icon: <NotificationOutlined />,
      element: <ContentsPage />,
    },
    {
      group: 'publishing',
      path: '/publishing/hub',
      label: '一网通办对接',
      permission: PUBLISHING_P.hub,
      icon: <ApiOutlined />,
      element: <HubPage />,
    },
  ]);
}
