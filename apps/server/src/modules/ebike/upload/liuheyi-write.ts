import { BHLX_CODES, CLLX_CODES, HDFS_CODES, WTFS_CODES, XDCLX_CODES, ZXYY_CODES } from '../../../integrations/liuheyi/liuheyi.codes.ts';
import type { LiuheyiItems, LiuheyiWrite } from '../../../integrations/liuheyi/liuheyi.port.ts';
import type { BusinessRow } from '../ebike.repository.ts';
import type { Snapshot } from '../ebike-ledger.ts';
import type { VehicleRecord } from '../vehicle-record.ts';

const STATUS_FLAGS = {
  theft: { flag: 'C', set: true },
  recover: { flag: 'C', set: false },
  lock: { flag: 'O', set: true },
  unlock: { flag: 'O', set: false },
} as const;

/** The 六合一 element of each vehicle item (for 变更项目 bgxm and 更正项目 gzxm). */
const ELEMENT_OF_ITEM: Record<string, keyof LiuheyiItems> = {
  plate: 'hphm',
  plateKind: 'hpzl',
  zcbm: 'zcbm',
  motorNo: 'djh',
  brand: 'clpp',
  model: 'clxh',
  colours: 'csys',
  cccCertNo: 'ccczsbh',
  hgzNo: 'hgzbh',
  batteryType: 'xdclx',
  batteryVoltage: 'xdcdy',
  purchaseDate: 'gmrq',
  originProof: 'lypzbh',
  'owner.idNumber': 'sfzmhm',
  'owner.name': 'syrmc',
  'owner.phone': 'lxdh',
  'owner.districtCode': 'djxzqh',
  'owner.address': 'zsxxdz',
};

export interface WriteContext {
  operatorUsername: string;
  departmentCode: string;
  correctsLsh: string | null;
}

/** A vehicle record as 六合一's items; the agent (if any) as 委托代理. */
export function liuheyiItemsOf(a: VehicleRecord, agent: Snapshot['agent']): LiuheyiItems {
  return {
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
    cllx: CLLX_CODES[a.vehicleType],
    hdfs: HDFS_CODES[a.acquireWay],
    lypzbh: a.originProof,
    gmrq: a.purchaseDate,
    xdclx: XDCLX_CODES[a.batteryType],
    xdcdy: String(a.batteryVoltage),
    wtfs: agent ? WTFS_CODES.agent : WTFS_CODES.self,
    ...(agent ? { dlrxm: agent.name, dlrsfzmhm: agent.idNumber } : {}),
  };
}

/** The 六合一 elements of the items that differ between two records (comma-joined, in a fixed order). */
export function changedElements(before: VehicleRecord | null, after: VehicleRecord): string {
  const flat = (r: VehicleRecord | null): Record<string, unknown> =>
    r ? { ...r, ...Object.fromEntries(Object.entries(r.owner).map(([k, v]) => [`owner.${k}`, v])) } : {};
  const b = flat(before);
  const a = flat(after);
  const changed = Object.keys(ELEMENT_OF_ITEM).filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
  // A plate-kind change also changes 车辆用途 and (with the new number) the 发证机关 may follow the plate.
  const elements = changed.map((k) => ELEMENT_OF_ITEM[k]!);
  if (elements.includes('hpzl')) elements.push('clyt');
  return [...new Set(elements)].join(',');
}

/** The business's own elements (integrations/liuheyi/README.md, “业务 → 数据项”). */
function detailsOf(b: BusinessRow, s: Snapshot, meta: WriteContext): Record<string, string> {
  const d = s.details ?? {};
  const reason = b.reason ?? '';
  switch (b.type) {
    case 'change':
      return { bgxm: changedElements(s.before, s.after) };
    case 'cancel':
      return { zxyy: ZXYY_CODES[(d.cancelReason ?? 'other') as keyof typeof ZXYY_CODES] ?? ZXYY_CODES.other, ...(d.note ? { zxbz: d.note } : {}) };
    case 'replace_plate':
      return { bhlx: BHLX_CODES[(d.replaceMode ?? (reason.includes('遗失') ? 'lost' : 'damaged')) as keyof typeof BHLX_CODES] };
    case 'theft':
      return { sqrq: d.lostOn ?? '', sqdd: d.place ?? reason, ...(d.caseNo ? { bajbh: d.caseNo } : {}) };
    case 'recover':
      return { zhqk: reason };
    case 'lock':
      // The locking department is the department of the lock business.
      return { sdyy: reason, sdbm: meta.departmentCode };
    case 'unlock':
      return { jsyy: reason };
    case 'correct':
      return { gzyy: reason, gzxm: changedElements(s.before, s.after) };
    default:
      return {};
  }
}

/** A ledger business as the write 六合一 receives: the items after it, the business's own elements, its kind. */
export function liuheyiWriteOf(b: BusinessRow, s: Snapshot, meta: WriteContext): LiuheyiWrite {
  const base = {
    lsh: b.lsh,
    items: liuheyiItemsOf(s.after, s.agent),
    details: detailsOf(b, s, meta),
    operator: { blr: meta.operatorUsername, glbm: meta.departmentCode },
    occurredAt: new Date(b.createdAt).toISOString(),
  };
  if (b.type in STATUS_FLAGS) return { ...base, kind: 'status', zt: STATUS_FLAGS[b.type as keyof typeof STATUS_FLAGS] };
  if (b.type === 'correct') return { ...base, kind: 'correction', correctsLsh: meta.correctsLsh ?? undefined };
  return { ...base, kind: 'business', ywlx: b.ywlx as LiuheyiWrite['ywlx'], ...(b.ywyy ? { ywyy: b.ywyy } : {}) };
}
