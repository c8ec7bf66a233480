import { SECURITY_LABELS, type SecurityLabel } from '@shtp/core/platform';
import { Tag } from 'antd';

const COLOURS: Record<SecurityLabel, string> = { public: 'default', internal: 'blue', sensitive: 'orange', confidential: 'red' };

/** Select options of the security labels (AC-6), lowest first. */
export const SECURITY_LABEL_OPTIONS = Object.entries(SECURITY_LABELS).map(([value, label]) => ({ value: value as SecurityLabel, label }));

/** A record's security label or a user's clearance (安全标记), coloured by level. */
export function SecurityLabelTag({ label, testId }: { label: string; testId?: string }) {
  return (
    <Tag color={COLOURS[label as SecurityLabel] ?? 'default'} data-testid={testId}>
      {SECURITY_LABELS[label as SecurityLabel] ?? label}
    </Tag>
  );
}
