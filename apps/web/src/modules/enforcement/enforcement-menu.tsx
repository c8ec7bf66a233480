import { AlertOutlined, FileSearchOutlined } from '@ant-design/icons';
import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import { lazyPage } from '../../menu/lazy-page';
import { registerHomeWidgets, registerMenuEntries, registerMenuGroups } from '../../menu/registry';
import { EnforcementHomeWidget } from './EnforcementHomeWidget';

const RecordsPage = lazyPage(() => import('./EnforcementRecordsPage'));
const QueryLogPage = lazyPage(() => import('./QueryLogPage'));

/** 交通执法 (police zone): the supervisor's view of what the handhelds wrote and asked. */
export function registerEnforcementMenu(): void {
  registerMenuGroups([{ key: 'enforcement', label: '交通执法', icon: <AlertOutlined /> }]);
  registerMenuEntries([
    { group: 'enforcement', path: '/enforcement/records', label: '执法记录', permission: FP.list, icon: <AlertOutlined />, element: <RecordsPage /> },
    {
      group: 'enforcement',
      path: '/enforcement/query-log',
      label: '终端查询日志',
      permission: FP.queryLog,
      icon: <FileSearchOutlined />,
      element: <QueryLogPage />,
    },
  ]);
  registerHomeWidgets([{ key: 'enforcement-counts', permission: FP.list, element: <EnforcementHomeWidget /> }]);
}
