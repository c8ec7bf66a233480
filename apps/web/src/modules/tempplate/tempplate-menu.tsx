import { AlertOutlined, BarChartOutlined, ControlOutlined, RadarChartOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { TEMPPLATE_P as TP } from '@shtp/core/tempplate';
import { lazy } from 'react';
import { registerMenuEntries, registerMenuGroups } from '../../menu/registry';

const WarningsPage = lazy(() => import('./WarningsPage'));
const StatsPage = lazy(() => import('./StatsPage'));
const RiskPage = lazy(() => import('./RiskPage'));
const ParamVersionsPage = lazy(() => import('./ParamVersionsPage'));

/** 临牌查验 (police zone): warnings with their evidence and work orders, statistics, risk profile, parameter versions. */
export function registerTempplateMenu(): void {
  registerMenuGroups([{ key: 'tempplate', label: '临牌查验', icon: <SafetyCertificateOutlined /> }]);
  registerMenuEntries([
    { group: 'tempplate', path: '/tempplate/warnings', label: '预警工单', permission: TP.warningMenu, icon: <AlertOutlined />, element: <WarningsPage /> },
    { group: 'tempplate', path: '/tempplate/stats', label: '统计分析', permission: TP.statsMenu, icon: <BarChartOutlined />, element: <StatsPage /> },
    { group: 'tempplate', path: '/tempplate/risk', label: '风险画像', permission: TP.statsMenu, icon: <RadarChartOutlined />, element: <RiskPage /> },
    { group: 'tempplate', path: '/tempplate/params', label: '监管参数', permission: TP.statsMenu, icon: <ControlOutlined />, element: <ParamVersionsPage /> },
  ]);
}
