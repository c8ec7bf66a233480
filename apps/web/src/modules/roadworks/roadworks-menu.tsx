import { AlertOutlined, BranchesOutlined, FileSearchOutlined, InboxOutlined, NodeIndexOutlined, SwapOutlined } from '@ant-design/icons';
import { ROADWORKS_P as RP } from '@shtp/core/roadworks';
import { lazyPage } from '../../menu/lazy-page';
import { registerHomeWidgets, registerMenuEntries, registerMenuGroups } from '../../menu/registry';
import { RoadworksHomeWidget } from './RoadworksHomeWidget';

const CasesPage = lazyPage(() => import('./CasesPage'));
const PermitQueryPage = lazyPage(() => import('./PermitQueryPage'));
const WarningsPage = lazyPage(() => import('./WarningsPage'));
const GazetteerPage = lazyPage(() => import('./GazetteerPage'));
const ExchangePage = lazyPage(() => import('./ExchangePage'));

/** 道路施工 (police zone): cases, permit query, warnings, the standard road gazetteer. */
export function registerRoadworksMenu(): void {
  registerMenuGroups([{ key: 'roadworks', label: '道路施工', icon: <BranchesOutlined /> }]);
  registerMenuEntries([
    { group: 'roadworks', path: '/roadworks/cases', label: '施工办件', permission: RP.caseMenu, icon: <InboxOutlined />, element: <CasesPage /> },
    {
      group: 'roadworks',
      path: '/roadworks/permits',
      label: '施工许可查询',
      permission: RP.queryMenu,
      icon: <FileSearchOutlined />,
      element: <PermitQueryPage />,
    },
    { group: 'roadworks', path: '/roadworks/warnings', label: '重复施工预警', permission: RP.warningMenu, icon: <AlertOutlined />, element: <WarningsPage /> },
    { group: 'roadworks', path: '/roadworks/exchange', label: '保险数据交换', permission: RP.exchangeMenu, icon: <SwapOutlined />, element: <ExchangePage /> },
    { group: 'roadworks', path: '/roadworks/roads', label: '标准路名', permission: RP.gazetteerMenu, icon: <NodeIndexOutlined />, element: <GazetteerPage /> },
  ]);
  registerHomeWidgets([{ key: 'roadworks-cases', permission: RP.caseMenu, element: <RoadworksHomeWidget /> }]);
}
