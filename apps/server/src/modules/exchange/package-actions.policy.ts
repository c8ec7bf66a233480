import { EXCHANGE_P } from '@shtp/core/exchange';
import { type ActionDecision, permitted } from '@shtp/core/platform';

/** Only a package this zone sent can be written out again (from its kept copy): null if it may be. */
export const resendRefusal = (direction: 'out' | 'in'): string | null => (direction === 'out' ? null : '接收的数据包只能由发送方重发');

/** What the caller may do to a package on the 数据交换 page. */
export const packageActions = (permissions: ReadonlySet<string>, direction: 'out' | 'in'): { resend: ActionDecision } => ({
  resend: permitted(permissions, [EXCHANGE_P.operate], () => resendRefusal(direction)),
});
