import { AlertOutlined, BarChartOutlined, ControlOutlined, RadarChartOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { TEMPPLATE_P as TP } from '@shtp/core/tempplate';
import { lazyPage } from '../../menu/lazy-page';
import { registerHomeWidgets, registerMenuEntries, registerMenuGroups } from '../../menu/registry';
import { TempplateHomeWidget } from './TempplateHomeWidget';

const WarningsPage = lazyPage(() => import('./WarningsPage'));
const StatsPage = lazyPage(() => import('./StatsPage'));
const RiskPage = lazyPage(() => import('./RiskPage'));
const ParamVersionsPage = lazyPage(() => import('./ParamVersionsPage'));

/** 临牌查验 (police zone): warnings with their evidence and work orders, statistics, risk profile, parameter versions. */
export function registerTempplateMenu(): void {
  registerMenuGroups([{ key: 'tempplate', label: '临牌查验', icon: <SafetyCertificateOutlined /> }]);
  registerMenuEntries([
    { group: 'tempplate', path: '/tempplate/warnings', label: '预警工单', permission: TP.warningMenu, icon: <AlertOutlined />, element: <WarningsPage /> },
    { group: 'tempplate', path: '/tempplate/stats', label: '统计分析', permission: TP.statsMenu, icon: <BarChartOutlined />, element: <StatsPage /> },
    { group: 'tempplate', path: '/tempplate/risk', label: '风险画像', permission: TP.statsMenu, icon: <RadarChartOutlined />, element: <RiskPage /> },
    { group: 'tempplate', path: '/tempplate/params', label: '监管参数', permission: TP.statsMenu, icon: <ControlOutlined />, element: <ParamVersionsPage /> },
  ]);
  registerHomeWidgets([{ key: 'tempplate-orders', permission: TP.warningList, element: <TempplateHomeWidget /> }]);
}
