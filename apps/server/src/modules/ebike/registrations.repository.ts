import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';

/** A registration as other systems receive it: the vehicle's items, never its owner. */
export interface RegistrationItem {
  id: number;
  plate: string | null;
  plateKind: string;
  zcbm: string;
  brand: string;
  model: string;
  colours: string;
  districtCode: string;
  registeredAt: string;
}

/** Registrations in a time window, in pages by id (index nm_vehicles_registered_idx); labels above 'internal' are left out. */
export const registrationsRepository = {
  async page(db: DbOrTx, window: { from: Date; to: Date }, afterId: number, limit: number): Promise<RegistrationItem[]> {
    return queryRows<RegistrationItem>(
      db,
      sql`select id, plate, plate_kind as "plateKind", zcbm, brand, model, colours, district_code as "districtCode",
                 to_char(registered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') as "registeredAt"
          from nm_vehicles
          where registered_at >= ${window.from.toISOString()}::timestamptz and registered_at < ${window.to.toISOString()}::timestamptz
            and id > ${afterId} and security_label in ('public', 'internal')
          order by id limit ${limit}`,
    );
  },
};
