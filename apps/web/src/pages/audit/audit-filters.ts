import type { AuditEntry } from '@shtp/core/platform';
import type { Dayjs } from 'dayjs';
import type { QueryParams } from '../../api/client';

export interface AuditFilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  result?: AuditEntry['result'];
}

/** The filter form as `AuditQuery` parameters (without paging), shared by the list and the Excel export. */
export function auditQueryOf(form: AuditFilterForm): QueryParams {
  return {
    from: form.range?.[0]?.format() ?? undefined,
    to: form.range?.[1]?.format() ?? undefined,
    username: form.username?.trim(),
    action: form.action,
    targetType: form.targetType?.trim(),
    targetId: form.targetId?.trim(),
    result: form.result,
  };
}
