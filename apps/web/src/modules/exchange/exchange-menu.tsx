import { SwapOutlined } from '@ant-design/icons';
import { EXCHANGE_P } from '@shtp/core/exchange';
import { lazyPage } from '../../menu/lazy-page';
import { registerHomeWidgets, registerMenuEntries, registerMenuGroups } from '../../menu/registry';
import { ExchangeHomeWidget } from './ExchangeHomeWidget';
import { StaffPasswordWidget } from './StaffPasswordWidget';

const ExchangePage = lazyPage(() => import('./ExchangePage'));

/** 数据交换 (both zones): the packages sent and received across the gap, and the daily reconciliation. */
export function registerExchangeMenu(): void {
  registerMenuGroups([{ key: 'exchange', label: '数据交换', icon: <SwapOutlined /> }]);
  registerMenuEntries([
    { group: 'exchange', path: '/exchange/packages', label: '数据包与对账', permission: EXCHANGE_P.view, icon: <SwapOutlined />, element: <ExchangePage /> },
  ]);
  registerHomeWidgets([
    { key: 'exchange-attention', permission: EXCHANGE_P.view, element: <ExchangeHomeWidget /> },
    // Any signed-in officer: the card shows itself only to one whose roles are recognised in the internet zone.
    { key: 'exchange-staff-password', element: <StaffPasswordWidget /> },
  ]);
}
