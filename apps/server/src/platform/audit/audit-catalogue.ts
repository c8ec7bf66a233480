import { type AuditActionGroup, PLATFORM_AUDIT_ACTIONS } from '@shtp/core/platform';

/**
 * The one catalogue of audit action names: the platform's group and one per module that contributes its
 * `auditActions` (module definition). The console's 操作 filter and the Excel export read it.
 */
export class AuditCatalogue {
  private readonly list: AuditActionGroup[] = [PLATFORM_AUDIT_ACTIONS];
  private readonly labels = new Map<string, string>(Object.entries(PLATFORM_AUDIT_ACTIONS.actions));

  register(group: AuditActionGroup): void {
    if (this.list.some((g) => g.module === group.module)) throw new Error(`audit actions of ${group.module} registered twice`);
    for (const [code, label] of Object.entries(group.actions)) {
      if (this.labels.has(code)) throw new Error(`audit action ${code} named twice`);
      this.labels.set(code, label);
    }
    this.list.push(group);
  }

  groups(): readonly AuditActionGroup[] {
    return this.list;
  }

  /** The Chinese name of an action; the code itself for one nobody named (kept readable, never hidden). */
  label(code: string): string {
    return this.labels.get(code) ?? code;
  }
}
