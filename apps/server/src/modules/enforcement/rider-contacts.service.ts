import { maskName, maskPhone } from '@shtp/core/masking';
import { auditedCall } from '../../platform/audit/audited-call.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { FP } from './enforcement.permissions.ts';
import type { EnforcementPorts } from './enforcement.ports.ts';
import type { Officer } from './handheld.ts';

/**
 * P12: a delivery rider's contact from the platforms' registry by ID number, for a stated purpose. One audit record
 * per query (a handheld query, P10), the ID number never in it; the phone masked unless the caller may see it.
 */
export class RiderContactsService {
  constructor(
    private readonly platform: Platform,
    private readonly ports: EnforcementPorts,
  ) {}

  lookup(officer: Officer, q: { idNumber: string; purpose: string; reason: string }) {
    const clear = officer.principal.permissions.has(FP.riderContactClear);
    return auditedCall(
      this.platform.db,
      officer.actor,
      {
        action: 'enforcement.rider-contact',
        targetType: 'rider',
        details: { keys: ['idNumber'], purpose: q.purpose, reason: q.reason, clear, device: officer.deviceCode },
      },
      async () => {
        const answer = await this.ports.riders.port.contacts({ idNumber: q.idNumber, purpose: q.purpose }, { timeoutMs: 10_000 });
        if (answer.outcome === 'unavailable') throw new AppError(503, 'RIDER_REGISTRY_UNAVAILABLE', `骑手信息平台暂不可用：${answer.reason}`);
        const contacts = answer.contacts.map((c) => (clear ? c : { ...c, riderName: maskName(c.riderName) ?? '', phone: maskPhone(c.phone) ?? '' }));
        return { result: { masked: !clear, contacts }, details: { found: contacts.length } };
      },
    );
  }
}
