import type { LiuheyiWrite } from '../../../integrations/liuheyi/liuheyi.port.ts';
import type { BusinessRow } from '../ebike.repository.ts';
import type { Snapshot } from '../ebike-ledger.ts';

const STATUS_FLAGS = {
  theft: { flag: 'C', set: true },
  recover: { flag: 'C', set: false },
  lock: { flag: 'O', set: true },
  unlock: { flag: 'O', set: false },
} as const;

/** A ledger business as the write 六合一 receives: the items after it, and what kind of write it is. */
export function liuheyiWriteOf(
  b: BusinessRow,
  s: Snapshot,
  meta: { operatorUsername: string; departmentCode: string; correctsLsh: string | null },
): LiuheyiWrite {
  const a = s.after;
  const base = {
    lsh: b.lsh,
    items: {
      hphm: a.plate,
      hpzl: a.plateKind,
      zcbm: a.zcbm,
      djh: a.motorNo,
      clpp: a.brand,
      clxh: a.model,
      csys: a.colours.join(''),
      clyt: a.plateKind as 'P' | 'K',
      ccczsbh: a.cccCertNo,
      hgzbh: a.hgzNo,
      syrlx: a.owner.ownerType,
      sfzmmc: a.owner.ownerType === '1' ? 'A' : 'B',
      sfzmhm: a.owner.idNumber,
      syrmc: a.owner.name,
      lxdh: a.owner.phone,
      djxzqh: a.owner.districtCode,
      zsxxdz: a.owner.address,
      fzjg: a.plate ? a.plate.slice(0, 2) : '沪A',
    },
    operator: { blr: meta.operatorUsername, glbm: meta.departmentCode },
    occurredAt: new Date(b.createdAt).toISOString(),
  };
  if (b.type in STATUS_FLAGS) return { ...base, kind: 'status', zt: STATUS_FLAGS[b.type as keyof typeof STATUS_FLAGS] };
  if (b.type === 'correct') return { ...base, kind: 'correction', correctsLsh: meta.correctsLsh ?? undefined };
  return { ...base, kind: 'business', ywlx: b.ywlx as LiuheyiWrite['ywlx'], ...(b.ywyy ? { ywyy: b.ywyy } : {}) };
}
