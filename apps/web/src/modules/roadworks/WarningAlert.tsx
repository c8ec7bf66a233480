import type { Warning } from '@shtp/core/roadworks';
import { Alert } from 'antd';
import { RULE_LABELS } from './roadworks-labels';

/** One R4 warning: its rule (with `context`, e.g. the case and district), the sentence and each permit of evidence. */
export function WarningAlert({ warning, context }: { warning: Warning; context?: string }) {
  return (
    <Alert
      data-testid={`warning-${warning.rule}`}
      type={warning.rule === 'protection' || warning.rule === 'repeat' ? 'error' : 'warning'}
      showIcon
      title={context ? `${RULE_LABELS[warning.rule]} · ${context}` : RULE_LABELS[warning.rule]}
      description={
        <>
          <div>{warning.message}</div>
          {warning.evidence.map((e) => (
            <div key={e.caseNo}>
              证据：{e.caseNo}（{e.worksType}，{e.from} 至 {e.to}）
            </div>
          ))}
        </>
      }
    />
  );
}
