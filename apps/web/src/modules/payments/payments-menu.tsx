import { PayCircleOutlined } from '@ant-design/icons';
import { PAYMENTS_P } from '@shtp/core/payments';
import { lazyPage } from '../../menu/lazy-page';
import { registerMenuEntries, registerMenuGroups } from '../../menu/registry';

const PaymentsPage = lazyPage(() => import('./PaymentsPage'));
const SmsTemplatesPage = lazyPage(() => import('./SmsTemplatesPage'));
const SmsMessagesPage = lazyPage(() => import('./SmsMessagesPage'));
const CitizenAccountsPage = lazyPage(() => import('./CitizenAccountsPage'));

/** 罚款缴纳 (internet zone): the e-CNY orders with their refunds, the daily reconciliation against the channel, the SMS templates' review and the send states of the SMS, and the G5 local citizen accounts. */
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
    {
      group: 'payments',
      path: '/payments/sms-templates',
      label: '短信模板',
      permission: PAYMENTS_P.smsTemplate,
      icon: <PayCircleOutlined />,
      element: <SmsTemplatesPage />,
    },
    {
      group: 'payments',
      path: '/payments/sms-messages',
      label: '短信发送状态',
      permission: PAYMENTS_P.smsTemplate,
      icon: <PayCircleOutlined />,
      element: <SmsMessagesPage />,
    },
    {
      group: 'payments',
      path: '/payments/citizen-accounts',
      label: '互认本地用户',
      permission: PAYMENTS_P.citizenAccounts,
      icon: <PayCircleOutlined />,
      element: <CitizenAccountsPage />,
    },
  ]);
}
