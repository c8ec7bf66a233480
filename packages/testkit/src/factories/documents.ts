/**
 * The records behind the synthetic documents of recognition phase 2: vehicle-sale invoices (classic 机动车销售统一发票
 * and the 数电 variant), business licences, customs import certificates and Shanghai residence permits. People,
 * organisations and VINs come from the seeded generator (valid check characters, nothing real); amounts are consistent
 * (价税合计 = 不含税价 + 税额, words = figures).
 *
 * Invoice QR content, the format commonly described for Chinese VAT invoices (secondary sources, not an official
 * specification — an ASSUMPTION [A]); comma-separated:
 *   01,<type>,<发票代码>,<发票号码>,<金额>,<开票日期 YYYYMMDD>,<校验码>,<CRC>
 * - 01: format version; type: 03 = 机动车销售统一发票, 32 = 数电发票 (assumed code for the 数电 vehicle invoice);
 * - 发票代码 empty for 数电 invoices (20-digit number only, VALIDATORS.md §5);
 * - 金额: the amount before tax (不含税价), two decimals without separators;
 * - 校验码 empty (vehicle invoices print none); CRC: 4 hex characters whose algorithm is not public — never verified.
 */
import { motorVehicleIds, organisations, people, type Rng, type SyntheticOrganisation, type SyntheticPerson } from '../generator/index.ts';

export type InvoiceStatus = '正常' | '作废' | '红冲';

export interface InvoiceRecord {
  kind: 'motor' | 'digital';
  code: string | null;
  number: string;
  /** YYYY-MM-DD */
  issueDate: string;
  buyerName: string;
  /** ID number of a person or USCC of an organisation. */
  buyerId: string;
  vehicleType: string;
  brandModel: string;
  origin: string;
  certificateNo: string;
  engineNo: string;
  vin: string;
  totalFen: number;
  netFen: number;
  taxFen: number;
  taxRate: string;
  sellerName: string;
  sellerUscc: string;
  sellerPhone: string;
  sellerAddress: string;
  sellerBank: string;
  sellerAccount: string;
  taxAuthority: string;
  drawer: string;
  qr: string;
  /** Status in the simulated tax bureau's registry; null = never issued (查无此票). */
  status: InvoiceStatus | null;
}

const VEHICLES = [
  { type: '轿车', brandModel: '大众汽车牌SVW7142BPV', origin: '上海', engine: 'DKB' },
  { type: '轿车', brandModel: '别克牌SGM7151MAA2', origin: '上海', engine: 'LJO' },
  { type: '多用途乘用车', brandModel: '荣威牌CSA6470SDAA', origin: '上海', engine: 'ZSE' },
  { type: '轿车', brandModel: '特斯拉牌TSL7000BEVAR1', origin: '上海', engine: 'TZ2' },
  { type: '小型普通客车', brandModel: '比亚迪牌BYD6470ST6HEV', origin: '深圳', engine: 'BYD' },
  { type: '轿车', brandModel: '丰田牌GTM7250GB', origin: '广州', engine: 'A25' },
] as const;

const BANKS = ['中国建设银行上海浦东分行', '中国工商银行上海徐汇支行', '交通银行上海闵行支行', '招商银行上海分行营业部'];
const DISTRICT_TAX = ['浦东新区', '闵行区', '嘉定区', '宝山区', '徐汇区', '松江区'];

const ymd = (iso: string) => iso.replaceAll('-', '');
const hex4 = (rng: Rng) => rng.int(0, 0xffff).toString(16).toUpperCase().padStart(4, '0');
const fen2 = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export function invoiceQr(r: Pick<InvoiceRecord, 'kind' | 'code' | 'number' | 'netFen' | 'issueDate'>, crc: string): string {
  return ['01', r.kind === 'motor' ? '03' : '32', r.code ?? '', r.number, fen2(r.netFen), ymd(r.issueDate), '', crc].join(',');
}

function issueDate(rng: Rng): string {
  return new Date(Date.UTC(rng.int(2024, 2025), rng.int(0, 11), rng.int(1, 28))).toISOString().slice(0, 10);
}

/** `count` invoices; `kinds[i]` picks the layout, `statuses[i]` the registry status (null: not issued). */
export function invoiceRecords(rng: Rng, kinds: InvoiceRecord['kind'][], statuses: (InvoiceStatus | null)[]): InvoiceRecord[] {
  const buyers = people(rng.fork('buyers'), { count: kinds.length, nonShanghaiShare: 0.4 });
  const orgBuyers = organisations(rng.fork('org-buyers'), { count: kinds.length });
  const sellers = organisations(rng.fork('sellers'), { count: kinds.length });
  const vehicles = motorVehicleIds(rng.fork('vehicles'), { count: kinds.length });
  const drawers = people(rng.fork('drawers'), { count: kinds.length });
  return kinds.map((kind, i) => {
    const person = buyers.next().value as SyntheticPerson;
    const org = orgBuyers.next().value as SyntheticOrganisation;
    const seller = sellers.next().value as SyntheticOrganisation;
    const v = VEHICLES[rng.int(0, VEHICLES.length - 1)] as (typeof VEHICLES)[number];
    const byOrg = i % 5 === 4;
    const date = issueDate(rng);
    const totalFen = rng.int(60_000, 450_000) * 100 + (rng.chance(0.5) ? rng.int(1, 99) : 0);
    const netFen = Math.round(totalFen / 1.13);
    const yy = date.slice(2, 4);
    // 0 + region 3100 (digits 2-5) + year (6-7) + batch + kind (VALIDATORS.md §5).
    const code = kind === 'motor' ? `03100${yy}${rng.digits(3)}${rng.pick(['20', '21'])}` : null;
    const number = kind === 'motor' ? rng.digits(8) : `${yy}31${rng.int(1, 2)}${rng.digits(15)}`;
    const record: Omit<InvoiceRecord, 'qr'> = {
      kind,
      code,
      number,
      issueDate: date,
      buyerName: byOrg ? org.name : person.name,
      buyerId: byOrg ? org.uscc : person.idNumber,
      vehicleType: v.type,
      brandModel: v.brandModel,
      origin: v.origin,
      certificateNo: `W${rng.pick(['AC', 'BD', 'DL'])}${rng.digits(12)}`,
      engineNo: `${v.engine}${rng.digits(6)}`,
      vin: (vehicles.next().value as { vin: string }).vin,
      totalFen,
      netFen,
      taxFen: totalFen - netFen,
      taxRate: '13%',
      sellerName: seller.name,
      sellerUscc: seller.uscc,
      sellerPhone: `021-${rng.int(5, 6)}${rng.digits(7)}`,
      sellerAddress: seller.address,
      sellerBank: rng.pick(BANKS),
      sellerAccount: `3100${rng.digits(14)}`,
      taxAuthority: `国家税务总局上海市${rng.pick(DISTRICT_TAX)}税务局`,
      drawer: (drawers.next().value as SyntheticPerson).name,
      status: statuses[i] ?? null,
    };
    return { ...record, qr: invoiceQr(record, hex4(rng)) };
  });
}

export interface LicenceRecord {
  uscc: string;
  name: string;
  type: string;
  legalRepresentative: string;
  capital: string;
  /** YYYY-MM-DD */
  established: string;
  term: string;
  address: string;
  scope: string;
  authority: string;
  issued: string;
}

const ORG_TYPES = ['有限责任公司（自然人投资或控股）', '有限责任公司（自然人独资）', '股份有限公司（非上市）', '个体工商户'];
const SCOPES = ['汽车销售，汽车零配件零售，二手车经纪', '机动车修理和维护，汽车装饰用品销售', '新能源汽车整车销售，充电桩销售', '电动自行车销售，自行车修理'];

export function licenceRecords(rng: Rng, count: number): LicenceRecord[] {
  const orgs = organisations(rng.fork('licences'), { count });
  return Array.from({ length: count }, () => {
    const o = orgs.next().value as SyntheticOrganisation;
    const district = /上海市(.+?区)/.exec(o.address)?.[1] ?? '浦东新区';
    return {
      uscc: o.uscc,
      name: o.name,
      type: o.kind === 'sole-trader' ? '个体工商户' : (ORG_TYPES[rng.int(0, 2)] as string),
      legalRepresentative: o.legalRepresentative,
      capital: `人民币${rng.pick([50, 100, 200, 500, 1000])}万元整`,
      established: o.established,
      term: rng.chance(0.5) ? '长期' : `${Number(o.established.slice(0, 4)) + 20}${o.established.slice(4)}`,
      address: o.address,
      scope: rng.pick(SCOPES),
      authority: `上海市${district}市场监督管理局`,
      issued: issueDate(rng),
    };
  });
}

export interface ImportCertificateRecord {
  certificateNo: string;
  consignee: string;
  port: string;
  tradeMode: string;
  brand: string;
  model: string;
  vin: string;
  engineNo: string;
  originCountry: string;
  /** YYYY-MM-DD */
  importDate: string;
  declarationNo: string;
}

const IMPORTS = [
  { brand: '宝马', model: 'BMW X5 xDrive40Li', country: '美国', engine: 'B58' },
  { brand: '奔驰', model: 'GLS450 4MATIC', country: '美国', engine: 'M256' },
  { brand: '保时捷', model: 'Cayenne E-Hybrid', country: '斯洛伐克', engine: 'DCB' },
  { brand: '丰田', model: 'Alphard 2.5L HEV', country: '日本', engine: 'A25A' },
  { brand: '路虎', model: 'Range Rover P400', country: '英国', engine: 'PT306' },
] as const;

/** 证明书号: 15 digits here (year + serial) — the real numbering scheme was not found: an ASSUMPTION [A]. */
export function importCertificateRecords(rng: Rng, count: number): ImportCertificateRecord[] {
  const vehicles = motorVehicleIds(rng.fork('imports'), { count });
  const consignees = organisations(rng.fork('consignees'), { count });
  return Array.from({ length: count }, () => {
    const car = IMPORTS[rng.int(0, IMPORTS.length - 1)] as (typeof IMPORTS)[number];
    const date = issueDate(rng);
    return {
      certificateNo: `2201${date.slice(0, 4)}${rng.digits(7)}`,
      consignee: (consignees.next().value as SyntheticOrganisation).name,
      port: rng.pick(['上海海关', '洋山海关', '外高桥港区海关']),
      tradeMode: '一般贸易',
      brand: car.brand,
      model: car.model,
      vin: (vehicles.next().value as { vin: string }).vin,
      engineNo: `${car.engine}${rng.digits(7)}`,
      originCountry: car.country,
      importDate: date,
      declarationNo: `2201${date.slice(0, 4)}${rng.digits(10)}`,
    };
  });
}

export interface ResidencePermitRecord {
  name: string;
  sex: '男' | '女';
  idNumber: string;
  address: string;
  authority: string;
  /** YYYY-MM-DD */
  validFrom: string;
  validTo: string;
}

/** Shanghai residence permits (上海市居住证) of people whose ID is from another province (非沪籍). */
export function residencePermitRecords(rng: Rng, count: number): ResidencePermitRecord[] {
  const holders = people(rng.fork('permit-holders'), { count, nonShanghaiShare: 1 });
  return Array.from({ length: count }, () => {
    const p = holders.next().value as SyntheticPerson;
    const from = new Date(Date.UTC(rng.int(2024, 2025), rng.int(0, 11), rng.int(1, 28))).toISOString().slice(0, 10);
    const district = /上海市(.+?区)/.exec(p.address)?.[1] ?? '浦东新区';
    return {
      name: p.name,
      sex: p.sex === 'M' ? '男' : '女',
      idNumber: p.idNumber,
      address: p.address,
      authority: `上海市公安局${district.replace(/新区$|区$/, '')}分局`,
      validFrom: from,
      validTo: `${Number(from.slice(0, 4)) + 3}${from.slice(4)}`,
    };
  });
}
