import type { RoutingSchema } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import type { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { routingRepository as repo } from './routing.repository.ts';

/**
 * District routing of incoming 一网通办 cases: a case whose district the hub names goes straight to that district's
 * department; without a district or a mapping it waits in the city inbox (the first department to act takes it).
 */
export class RoutingService {
  constructor(private readonly platform: Platform) {}

  async view(): Promise<z.infer<typeof RoutingSchema>> {
    const db = this.platform.db;
    const mapped = new Map((await repo.all(db)).map((r) => [r.districtCode, r]));
    return {
      districts: Object.keys(SHANGHAI_DISTRICTS).map((districtCode) => ({
        districtCode,
        departmentId: mapped.get(districtCode)?.departmentId ?? null,
        departmentName: mapped.get(districtCode)?.departmentName ?? null,
      })),
      departments: await repo.candidates(db),
    };
  }

  async set(actor: Actor, districtCode: string, departmentId: number | null): Promise<z.infer<typeof RoutingSchema>> {
    if (!(districtCode in SHANGHAI_DISTRICTS)) throw badRequest('VALIDATION_FAILED', '区划代码不正确', [{ field: 'districtCode', message: '区划代码不正确' }]);
    await this.platform.db.transaction(async (tx) => {
      let routed = 0;
      if (departmentId === null) await repo.clear(tx, districtCode);
      else {
        if (!(await repo.isCandidate(tx, departmentId)))
          throw badRequest('VALIDATION_FAILED', '承办部门须为启用的支队或大队', [{ field: 'departmentId', message: '承办部门须为启用的支队或大队' }]);
        await repo.set(tx, districtCode, departmentId, actor.userId);
        // The district's cases that arrived before it had a department and that nobody has taken yet follow it.
        routed = await repo.routeInbox(tx, districtCode, departmentId);
      }
      await audit(tx, actor, { action: 'roadworks.routing.update', targetType: 'district', targetId: districtCode, details: { departmentId, routed } });
    });
    return this.view();
  }
}
