import { PAYMENTS_P } from '@shtp/core/payments';
import { type ActionDecision, permitted } from '@shtp/core/platform';

interface TemplateState {
  state: 'pending' | 'approved' | 'rejected';
  createdBy: number | null;
}

/** Whether `reviewerId` may review the template now: null if so, else the Chinese refusal (maker/checker). */
export function reviewRefusal(template: TemplateState, reviewerId: number | null): string | null {
  if (template.state !== 'pending') return '该模板已审核，不能重复审核';
  if (reviewerId === null || (template.createdBy !== null && template.createdBy === reviewerId))
    return '模板须由登记人以外的管理员审核，不能审核自己登记的模板';
  return null;
}

/** Whether a registered row is a built-in template still pending with the text the code ships (an earlier release left it so). */
export const builtInPending = (row: TemplateState & { text: string }, shipped: { text: string }): boolean =>
  row.state === 'pending' && row.createdBy === null && row.text === shipped.text;

/** Whether a template may be used to send: null if so, else the Chinese refusal. */
export function useRefusal(template: (TemplateState & { code: string; name: string }) | undefined, code: string): string | null {
  if (!template) return `短信模板 ${code} 未登记，不能使用`;
  if (template.state !== 'approved') return `短信模板「${template.name}」（${template.code}）尚未审核通过，不能使用`;
  return null;
}

/** What the caller may do to a template on the 短信模板 page. */
export const templateActions = (
  permissions: ReadonlySet<string>,
  userId: number | null,
  template: TemplateState & { code: string; name: string },
): { approve: ActionDecision; reject: ActionDecision; trial: ActionDecision } => ({
  approve: permitted(permissions, [PAYMENTS_P.smsTemplate], () => reviewRefusal(template, userId)),
  reject: permitted(permissions, [PAYMENTS_P.smsTemplate], () => reviewRefusal(template, userId)),
  trial: permitted(permissions, [PAYMENTS_P.smsTemplate], () => useRefusal(template, template.code)),
});
