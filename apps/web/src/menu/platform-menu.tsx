import {
  ApartmentOutlined,
  ApiOutlined,
  BookOutlined,
  ControlOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  KeyOutlined,
  MobileOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { P } from '@shtp/core/platform';
import { lazyPage } from './lazy-page';
import { registerMenuEntries, registerMenuGroups } from './registry';

const UsersPage = lazyPage(() => import('../modules/system/UsersPage'));
const RolesPage = lazyPage(() => import('../modules/system/RolesPage'));
const DepartmentsPage = lazyPage(() => import('../modules/system/DepartmentsPage'));
const DictPage = lazyPage(() => import('../pages/system/DictPage'));
const ParamsPage = lazyPage(() => import('../pages/system/ParamsPage'));
const SessionsPage = lazyPage(() => import('../modules/system/SessionsPage'));
const JobsPage = lazyPage(() => import('../pages/system/JobsPage'));
const AuditLogsPage = lazyPage(() => import('../pages/audit/AuditLogsPage'));
const IntegrityPage = lazyPage(() => import('../pages/audit/IntegrityPage'));
const KeysPage = lazyPage(() => import('../pages/security/KeysPage'));
const DevicesPage = lazyPage(() => import('../pages/security/DevicesPage'));
const ServiceAccountsPage = lazyPage(() => import('../pages/security/ServiceAccountsPage'));

/** The platform's own pages; business modules register theirs the same way. */
export function registerPlatformMenu(): void {
  registerMenuGroups([
    { key: 'system', label: '系统管理', icon: <SettingOutlined /> },
    { key: 'audit', label: '安全审计', icon: <SafetyOutlined /> },
    { key: 'security', label: '安全管理', icon: <KeyOutlined /> },
  ]);
  registerMenuEntries([
    { group: 'system', path: '/system/users', label: '用户管理', permission: P.userMenu, icon: <UserOutlined />, element: <UsersPage /> },
    { group: 'system', path: '/system/roles', label: '角色管理', permission: P.roleMenu, icon: <TeamOutlined />, element: <RolesPage /> },
    { group: 'system', path: '/system/departments', label: '部门管理', permission: P.deptMenu, icon: <ApartmentOutlined />, element: <DepartmentsPage /> },
    { group: 'system', path: '/system/dict', label: '数据字典', permission: P.dictMenu, icon: <BookOutlined />, element: <DictPage /> },
    { group: 'system', path: '/system/params', label: '系统参数', permission: P.paramMenu, icon: <ControlOutlined />, element: <ParamsPage /> },
    { group: 'system', path: '/system/sessions', label: '在线用户', permission: P.sessionMenu, icon: <DesktopOutlined />, element: <SessionsPage /> },
    { group: 'system', path: '/system/jobs', label: '任务队列', permission: P.jobMenu, icon: <ScheduleOutlined />, element: <JobsPage /> },
    { group: 'audit', path: '/audit/logs', label: '审计日志', permission: P.auditMenu, icon: <FileSearchOutlined />, element: <AuditLogsPage /> },
    {
      group: 'audit',
      path: '/audit/integrity',
      label: '完整性校验',
      permission: P.integrityMenu,
      icon: <SafetyCertificateOutlined />,
      element: <IntegrityPage />,
    },
    { group: 'security', path: '/security/keys', label: '密钥管理', permission: P.keyMenu, icon: <KeyOutlined />, element: <KeysPage /> },
    { group: 'security', path: '/security/devices', label: '终端管理', permission: P.deviceMenu, icon: <MobileOutlined />, element: <DevicesPage /> },
    {
      group: 'security',
      path: '/security/service-accounts',
      label: '接入应用管理',
      permission: P.serviceAccountMenu,
      icon: <ApiOutlined />,
      element: <ServiceAccountsPage />,
    },
  ]);
}
