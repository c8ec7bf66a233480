import { PayCircleOutlined } from '@ant-design/icons';
import { PAYMENTS_P } from '@shtp/core/payments';
import { lazyPage } from '../../menu/lazy-page';
import { registerMenuEntries, registerMenuGroups } from '../../menu/registry';

const PaymentsPage = lazyPage(() => import('./PaymentsPage'));

/** 罚款缴纳 (internet zone): the e-CNY orders with their refunds, and the daily reconciliation against the channel. */
export function registerPaymentsMenu(): void {
  registerMenuGroups([{ key: 'payments', label: '罚款缴纳', icon: <PayCircleOutlined /> }]);
  registerMenuEntries([
    {
      group: 'payments',
      path: '/payments/orders',
      label: '缴款订单与对账',
      permission: PAYMENTS_P.view,
      icon: <PayCircleOutlined />,
      element: <PaymentsPage />,
    },
  ]);
}
