import { AuditOutlined, CalendarOutlined, CloudUploadOutlined, FormOutlined, NumberOutlined, SearchOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { lazyPage } from '../../menu/lazy-page';
import { registerHomeWidgets, registerMenuEntries, registerMenuGroups } from '../../menu/registry';
import { EbikeHomeWidget } from './EbikeHomeWidget';
import { EP } from './ebike-permissions';

const RegisterPage = lazyPage(() => import('./RegisterPage'));
const VehiclePage = lazyPage(() => import('./VehiclePage'));
const VehicleQueryPage = lazyPage(() => import('./VehicleQueryPage'));
const UploadMonitorPage = lazyPage(() => import('./UploadMonitorPage'));
const PlatesPage = lazyPage(() => import('./PlatesPage'));
const AppointmentsPage = lazyPage(() => import('./AppointmentsPage'));
const PreregistrationsPage = lazyPage(() => import('./PreregistrationsPage'));

/** 电动自行车 (police zone): registration, single query, 六合一 upload monitor, plate pools, and the vehicle page. */
export function registerEbikeMenu(): void {
  registerMenuGroups([{ key: 'ebike', label: '电动自行车', icon: <ThunderboltOutlined /> }]);
  registerMenuEntries([
    { group: 'ebike', path: '/ebike/register', label: '注册登记', permission: EP.register, icon: <FormOutlined />, element: <RegisterPage /> },
    { group: 'ebike', path: '/ebike/appointments', label: '今日预约', permission: EP.register, icon: <CalendarOutlined />, element: <AppointmentsPage /> },
    {
      group: 'ebike',
      path: '/ebike/preregistrations',
      label: '网上预登记',
      permission: EP.register,
      icon: <AuditOutlined />,
      element: <PreregistrationsPage />,
    },
    { group: 'ebike', path: '/ebike/query', label: '单项查询', permission: EP.queryMenu, icon: <SearchOutlined />, element: <VehicleQueryPage /> },
    { group: 'ebike', path: '/ebike/uploads', label: '上传监控', permission: EP.uploadMenu, icon: <CloudUploadOutlined />, element: <UploadMonitorPage /> },
    { group: 'ebike', path: '/ebike/plates', label: '号牌管理', permission: EP.plateMenu, icon: <NumberOutlined />, element: <PlatesPage /> },
    { group: 'ebike', path: '/ebike/vehicles/:id', label: '车辆', permission: EP.query, icon: null, element: <VehiclePage />, hideInMenu: true },
  ]);
  registerHomeWidgets([{ key: 'ebike-uploads', permission: EP.uploadMenu, element: <EbikeHomeWidget /> }]);
}
