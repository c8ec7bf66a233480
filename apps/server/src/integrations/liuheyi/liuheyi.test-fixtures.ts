import { ebikeIds, organisations, people, Rng } from '@shtp/testkit';
import type { LiuheyiWrite } from './liuheyi.port.ts';

/**
 * Synthetic writes for the 六合一 tests: owners, organisations and e-bike identifiers from @shtp/testkit (valid
 * check digits, nobody's real data), a fresh vehicle and 流水号 for every call so tests sharing a simulator never
 * meet each other's vehicles.
 */
const rng = new Rng(20261129);
const owners = people(rng.fork('owners'), { count: 10_000, nonShanghaiShare: 0 });
const companies = organisations(rng.fork('companies'), { count: 1_000 });
const bikes = ebikeIds(rng.fork('bikes'), { count: 10_000 });
let serial = 0;

export function nextLsh(): string {
  serial += 1;
  return `261129${String(serial).padStart(7, '0')}`;
}

/** A valid 注册登记 of a new e-bike owned by a person (kind and head items can be overridden). */
export function registration(over: Partial<LiuheyiWrite> = {}): LiuheyiWrite {
  const p = owners.next().value!;
  const b = bikes.next().value!;
  const w: LiuheyiWrite = {
    lsh: nextLsh(),
    kind: 'business',
    ywlx: 'A',
    items: {
      hphm: b.plate,
      hpzl: 'P',
      zcbm: b.frameCode,
      djh: b.motorNumber,
      clpp: b.brand,
      clxh: 'TDT1234Z',
      csys: 'AJ',
      clyt: 'P',
      ccczsbh: '2023011119123456',
      hgzbh: null,
      syrlx: '1',
      sfzmmc: 'A',
      sfzmhm: p.idNumber,
      syrmc: p.name,
      lxdh: p.mobile,
      djxzqh: p.districtCode,
      zsxxdz: p.address,
      fzjg: b.plate.slice(0, 2),
      cllx: '1',
      hdfs: 'A',
      lypzbh: 'FP2026110100123',
      gmrq: '2026-11-01',
      xdclx: '2',
      xdcdy: '48',
      wtfs: '1',
    },
    operator: { blr: 'officer01', glbm: '310101000000' },
    occurredAt: '2026-11-29T02:00:00.000Z',
    ...over,
  };
  return { ...w, details: over.details ?? elementsFor(w) };
}

/** An organisation as owner: USCC under 身份证明名称 B. */
export function organisationOwner(): Pick<LiuheyiWrite['items'], 'syrlx' | 'sfzmmc' | 'sfzmhm' | 'syrmc'> {
  const o = companies.next().value!;
  return { syrlx: '2', sfzmmc: 'B', sfzmhm: o.uscc, syrmc: o.name };
}

/** Valid elements of each business of its own (README: business → elements), by business key. */
const ELEMENTS: Record<string, Record<string, string>> = {
  D: { bgxm: 'csys' },
  G: { zxyy: '4' },
  K: { bhlx: '2' },
  C1: { sqrq: '2026-11-20', sqdd: '徐汇区漕溪北路地铁站出口', bajbh: 'A3101042026112000012' },
  C0: { zhqk: '派出所通知领回' },
  O1: { sdyy: '涉案车辆，待调查', sdbm: '310104000000' },
  O0: { jsyy: '调查结束' },
  GZ: { gzyy: '录入错误', gzxm: 'clpp' },
};

/** The valid elements of a write of this kind (empty for 注册 and 转移). */
export function elementsFor(w: Pick<LiuheyiWrite, 'kind' | 'ywlx' | 'zt'>): Record<string, string> {
  const key = w.kind === 'status' ? `${w.zt?.flag}${w.zt?.set ? '1' : '0'}` : w.kind === 'correction' ? 'GZ' : (w.ywlx ?? '');
  return { ...(ELEMENTS[key] ?? {}) };
}

/** A later write about the same vehicle (a new 流水号, the same items unless overridden, its kind's elements). */
export function followUp(base: LiuheyiWrite, over: Partial<LiuheyiWrite>): LiuheyiWrite {
  const { ywlx: _ywlx, ywyy: _ywyy, zt: _zt, correctsLsh: _c, details: _d, ...rest } = base;
  const w = { ...rest, lsh: nextLsh(), ...over };
  return { ...w, details: over.details ?? elementsFor(w) };
}
