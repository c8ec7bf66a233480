import {
  AlertOutlined,
  BarChartOutlined,
  CameraOutlined,
  DeleteOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  OrderedListOutlined,
} from '@ant-design/icons';
import { lazyPage } from '../../menu/lazy-page';
import { registerHomeWidgets, registerMenuEntries, registerMenuGroups } from '../../menu/registry';
import { ArchiveHomeWidget } from './ArchiveHomeWidget';
import { AP } from './archive-api';

const CapturePage = lazyPage(() => import('./CapturePage'));
const ArchiveSearchPage = lazyPage(() => import('./ArchiveSearchPage'));
const ArchiveViewerPage = lazyPage(() => import('./ArchiveViewerPage'));
const ArchiveWarningsPage = lazyPage(() => import('./ArchiveWarningsPage'));
const ArchiveStatsPage = lazyPage(() => import('./ArchiveStatsPage'));
const CataloguePage = lazyPage(() => import('./CataloguePage'));
const ArchiveDisposalsPage = lazyPage(() => import('./ArchiveDisposalsPage'));

/** 影像档案 (police zone): capture, city-wide search and viewer, incomplete-capture warnings, statistics. */
export function registerArchiveMenu(): void {
  registerMenuGroups([{ key: 'archive', label: '影像档案', icon: <FolderOpenOutlined /> }]);
  registerMenuEntries([
    { group: 'archive', path: '/archive/capture', label: '影像采集', permission: AP.capture, icon: <CameraOutlined />, element: <CapturePage /> },
    { group: 'archive', path: '/archive/search', label: '档案查询', permission: AP.view, icon: <FileSearchOutlined />, element: <ArchiveSearchPage /> },
    { group: 'archive', path: '/archive/warnings', label: '未齐全预警', permission: AP.warnings, icon: <AlertOutlined />, element: <ArchiveWarningsPage /> },
    { group: 'archive', path: '/archive/stats', label: '采集统计', permission: AP.stats, icon: <BarChartOutlined />, element: <ArchiveStatsPage /> },
    {
      group: 'archive',
      path: '/archive/catalogue',
      label: '必需材料目录',
      permission: AP.catalogue,
      icon: <OrderedListOutlined />,
      element: <CataloguePage />,
    },
    {
      group: 'archive',
      path: '/archive/disposals',
      label: '到期处置',
      permission: AP.dispose,
      icon: <DeleteOutlined />,
      element: <ArchiveDisposalsPage />,
    },
    { group: 'archive', path: '/archive/archives/:id', label: '影像档案', permission: AP.view, icon: null, element: <ArchiveViewerPage />, hideInMenu: true },
  ]);
  registerHomeWidgets([{ key: 'archive-warnings', permission: AP.warnings, element: <ArchiveHomeWidget /> }]);
}
