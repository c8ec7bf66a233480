import { CalendarOutlined } from '@ant-design/icons';
import { APPOINTMENTS_P } from '@shtp/core/ebike';
import { lazyPage } from '../../menu/lazy-page';
import { registerMenuEntries, registerMenuGroups } from '../../menu/registry';

const BookingsPage = lazyPage(() => import('./BookingsPage'));

/** 非机动车登记预约 (internet zone back office): the bookings partners made for their citizens. */
export function registerAppointmentsMenu(): void {
  registerMenuGroups([{ key: 'appointments', label: '非机动车登记预约', icon: <CalendarOutlined /> }]);
  registerMenuEntries([
    {
      group: 'appointments',
      path: '/appointments/bookings',
      label: '预约列表',
      permission: APPOINTMENTS_P.list,
      icon: <CalendarOutlined />,
      element: <BookingsPage />,
    },
  ]);
}
