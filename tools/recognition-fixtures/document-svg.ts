/**
 * SVG layouts of the phase-2 documents. Not replicas: the fields, labels and their order follow the printed forms
 * (机动车销售统一发票, its 数电 variant, 营业执照, 货物进口证明书, 上海市居住证) but the metrics, colours and decorations
 * are invented, and there are no seals or emblems.
 */

import type { ImportCertificateRecord, InvoiceRecord, LicenceRecord, ResidencePermitRecord } from '@shtp/testkit';
import QRCode from 'qrcode';
import { amountInWords, formatFen } from './amount-words.ts';

const CJK = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";
const MONO = "'DejaVu Sans Mono', 'WenQuanYi Micro Hei Mono', monospace";
const LABEL = '#8a4a1c';
const INK = '#111111';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

interface TextStyle {
  size?: number;
  fill?: string;
  font?: string;
  anchor?: 'start' | 'middle' | 'end';
  spacing?: number;
}

function text(x: number, y: number, s: string, st: TextStyle = {}): string {
  return `<text x="${x}" y="${y}" font-family="${st.font ?? CJK}" font-size="${st.size ?? 24}" fill="${st.fill ?? INK}" text-anchor="${st.anchor ?? 'start'}" letter-spacing="${st.spacing ?? 0}">${esc(s)}</text>`;
}

/** A table row: cells [text, width, isLabel, valueSize?] with borders. */
type Cell = [string, number, boolean?, number?];

function table(x0: number, y0: number, rowHeight: number, rows: Cell[][]): string {
  const out: string[] = [];
  rows.forEach((cells, r) => {
    let x = x0;
    const y = y0 + r * rowHeight;
    for (const [s, w, label, size] of cells) {
      out.push(`<rect x="${x}" y="${y}" width="${w}" height="${rowHeight}" fill="none" stroke="${LABEL}" stroke-width="1.5"/>`);
      if (s) out.push(text(x + 10, y + rowHeight / 2 + 8, s, label ? { size: 20, fill: LABEL } : { size: size ?? 24 }));
      x += w;
    }
  });
  return out.join('');
}

/** The QR code as a nested SVG at (x, y), `size` pixels square. */
async function qr(content: string, x: number, y: number, size: number): Promise<string> {
  const svg = await QRCode.toString(content, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return svg.replace(/^<svg /, `<svg x="${x}" y="${y}" width="${size}" height="${size}" `);
}

const cn = (iso: string) => `${iso.slice(0, 4)}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日`;

/** Amounts as printed; `override` replaces the total figures (a tampered invoice). */
export interface InvoicePrint {
  totalFen: number;
  netFen: number;
  taxFen: number;
}

/** The row both invoice forms print alike: vehicle type, make and model, origin. */
const vehicleKindRow = (r: InvoiceRecord): Cell[] => [
  ['车辆类型', 160, true],
  [r.vehicleType, 240],
  ['厂牌型号', 140, true],
  [r.brandModel, 420],
  ['产地', 100, true],
  [r.origin, 260],
];

export async function motorInvoiceSvg(r: InvoiceRecord, print: InvoicePrint = r): Promise<string> {
  const W = 1400;
  const H = 860;
  const rows: Cell[][] = [
    [
      ['购买方名称', 160, true],
      [r.buyerName, 380],
      ['身份证号码/组织机构代码', 280, true],
      [r.buyerId, 500],
    ],
    vehicleKindRow(r),
    [
      ['合格证号', 160, true],
      [r.certificateNo, 360],
      ['进口证明书号', 170, true],
      ['', 230],
      ['商检单号', 140, true],
      ['', 260],
    ],
    [
      ['发动机号码', 160, true],
      [r.engineNo, 320],
      ['车辆识别代号/车架号码', 280, true],
      [r.vin, 560],
    ],
    [
      ['价税合计', 160, true],
      [`⊗${amountInWords(r.totalFen)}`, 700],
      ['小写', 100, true],
      [`¥${formatFen(print.totalFen, true)}`, 360],
    ],
    [
      ['销货单位名称', 160, true],
      [r.sellerName, 660],
      ['电话', 100, true],
      [r.sellerPhone, 400],
    ],
    [
      ['纳税人识别号', 160, true],
      [r.sellerUscc, 660],
      ['账号', 100, true],
      [r.sellerAccount, 400],
    ],
    [
      ['地址', 160, true],
      [r.sellerAddress, 660],
      ['开户银行', 100, true],
      [r.sellerBank, 400, false, 22],
    ],
    [
      ['增值税税率或征收率', 200, true],
      [r.taxRate, 120],
      ['增值税税额', 150, true],
      [`¥${formatFen(print.taxFen, true)}`, 260],
      ['主管税务机关及代码', 210, true],
      [r.taxAuthority, 380, false, 20],
    ],
    [
      ['不含税价', 160, true],
      [`¥${formatFen(print.netFen, true)}`, 380],
      ['完税凭证号码', 170, true],
      ['', 230],
      ['吨位', 80, true],
      ['', 100],
      ['限乘人数', 100, true],
      ['5', 100],
    ],
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fbfaf4"/>
${await qr(r.qr, 40, 24, 150)}
${text(700, 78, '机动车销售统一发票', { size: 42, anchor: 'middle', fill: LABEL, spacing: 6 })}${text(700, 118, '发票联', { size: 24, anchor: 'middle', fill: LABEL, spacing: 10 })}
${text(1000, 62, '发票代码', { size: 20, fill: LABEL })}${text(1100, 64, r.code ?? '', { size: 26, font: MONO })}
${text(1000, 104, '发票号码', { size: 20, fill: LABEL })}${text(1100, 106, r.number, { size: 26, font: MONO })}
${text(230, 170, '开票日期', { size: 20, fill: LABEL })}${text(330, 172, cn(r.issueDate))}
${table(40, 190, 56, rows)}
${text(60, 800, '销货单位盖章', { size: 20, fill: LABEL })}${text(600, 800, '开票人', { size: 20, fill: LABEL })}${text(690, 802, r.drawer)}${text(1000, 800, '备注：一车一票', { size: 20, fill: LABEL })}</svg>`;
}

export async function digitalInvoiceSvg(r: InvoiceRecord, print: InvoicePrint = r): Promise<string> {
  const W = 1400;
  const H = 820;
  const half = 660;
  const party = (x: number, y: number, label: string, value: string) =>
    `${text(x, y, label, { size: 20, fill: LABEL })}${text(x + label.length * 20 + 12, y + 2, value)}`;
  const vehicle: Cell[][] = [
    vehicleKindRow(r),
    [
      ['合格证号', 160, true],
      [r.certificateNo, 360],
      ['发动机号码', 170, true],
      [r.engineNo, 630],
    ],
    [
      ['车辆识别代号/车架号码', 280, true],
      [r.vin, 1040],
    ],
    [
      ['不含税价', 160, true],
      [`¥${formatFen(print.netFen, false)}`, 360],
      ['增值税税率/征收率', 230, true],
      [r.taxRate, 160],
      ['增值税税额', 150, true],
      [`¥${formatFen(print.taxFen, false)}`, 260],
    ],
    [
      ['价税合计（大写）', 220, true],
      [`⊗${amountInWords(r.totalFen)}`, 640],
      ['（小写）', 120, true],
      [`¥${formatFen(print.totalFen, false)}`, 340],
    ],
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#ffffff"/>
${await qr(r.qr, 40, 24, 150)}
${text(700, 84, '电子发票（机动车销售统一发票）', { size: 36, anchor: 'middle', fill: LABEL, spacing: 2 })}
${text(990, 62, '发票号码：', { size: 20, fill: LABEL })}${text(1095, 64, r.number, { size: 24, font: MONO })}
${text(990, 104, '开票日期：', { size: 20, fill: LABEL })}${text(1095, 106, cn(r.issueDate))}
<rect x="40" y="190" width="1320" height="130" fill="none" stroke="${LABEL}" stroke-width="1.5"/><line x1="${40 + half}" y1="190" x2="${40 + half}" y2="320" stroke="${LABEL}" stroke-width="1.5"/>
${text(60, 222, '购买方信息', { size: 20, fill: LABEL, spacing: 4 })}${text(60 + half, 222, '销售方信息', { size: 20, fill: LABEL, spacing: 4 })}
${party(60, 262, '名称：', r.buyerName)}${party(60 + half, 262, '名称：', r.sellerName)}
${text(60, 302, '统一社会信用代码/纳税人识别号/身份证号码：', { size: 18, fill: LABEL })}${text(450, 304, r.buyerId)}
${text(60 + half, 302, '统一社会信用代码/纳税人识别号：', { size: 18, fill: LABEL })}${text(60 + half + 300, 304, r.sellerUscc)}
${table(40, 345, 58, vehicle)}
${text(60, 680, '备注', { size: 20, fill: LABEL })}${text(140, 682, `销售方地址：${r.sellerAddress}`, { size: 20 })}
${text(60, 760, '开票人：', { size: 20, fill: LABEL })}${text(150, 762, r.drawer)}</svg>`;
}

export function businessLicenceSvg(r: LicenceRecord): string {
  const W = 1340;
  const H = 900;
  const L = (x: number, y: number, s: string) => text(x, y, s, { size: 24, fill: INK, spacing: 2 });
  const V = (x: number, y: number, s: string, size = 24) => text(x, y, s, { size });
  const term = r.term === '长期' ? `${cn(r.established)}至长期` : `${cn(r.established)}至${cn(r.term)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fdfbf6"/>
<rect x="20" y="20" width="${W - 40}" height="${H - 40}" fill="none" stroke="#b3862a" stroke-width="8"/><rect x="34" y="34" width="${W - 68}" height="${H - 68}" fill="none" stroke="#b3862a" stroke-width="2"/>
${text(80, 96, '统一社会信用代码', { size: 22 })}${text(290, 98, r.uscc, { size: 26, font: MONO })}
${text(W / 2, 190, '营业执照', { size: 66, anchor: 'middle', spacing: 24 })}
${L(110, 290, '名称')}${V(280, 292, r.name)}${L(720, 290, '注册资本')}${V(860, 292, r.capital, 22)}
${L(110, 360, '类型')}${V(280, 362, r.type, 22)}${L(720, 360, '成立日期')}${V(860, 362, cn(r.established), 22)}
${L(110, 430, '法定代表人')}${V(280, 432, r.legalRepresentative)}${L(720, 430, '营业期限')}${V(860, 432, term, 20)}
${L(110, 500, '住所')}${V(280, 502, r.address)}
${L(110, 570, '经营范围')}${V(280, 572, r.scope)}
${text(760, 760, '登记机关', { size: 24, spacing: 2 })}${text(900, 762, r.authority, { size: 22 })}
${text(900, 812, cn(r.issued), { size: 22 })}</svg>`;
}

export function importCertificateSvg(r: ImportCertificateRecord): string {
  const W = 1300;
  const H = 860;
  const rows: Cell[][] = [
    [
      ['收货人', 240, true],
      [r.consignee, 480],
      ['进口口岸', 160, true],
      [r.port, 340],
    ],
    [
      ['贸易方式', 240, true],
      [r.tradeMode, 480],
      ['原产国（地区）', 160, true],
      [r.originCountry, 340],
    ],
    [
      ['品牌', 240, true],
      [r.brand, 480],
      ['型号', 160, true],
      [r.model, 340],
    ],
    [
      ['车辆识别代号（VIN）', 240, true],
      [r.vin, 480],
      ['发动机号', 160, true],
      [r.engineNo, 340],
    ],
    [
      ['进口日期', 240, true],
      [cn(r.importDate), 480],
      ['报关单号', 160, true],
      [r.declarationNo, 340],
    ],
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f8fbfd"/>
${text(W / 2, 90, '中华人民共和国海关', { size: 36, anchor: 'middle', spacing: 8 })}
${text(W / 2, 160, '货物进口证明书', { size: 50, anchor: 'middle', spacing: 12 })}
${text(820, 226, '证明书号', { size: 22, fill: LABEL })}${text(930, 228, r.certificateNo, { size: 26, font: MONO })}
${table(40, 260, 70, rows)}
${text(60, 690, '兹证明上列货物经海关监管进口，已办结海关手续。', { size: 22 })}
${text(820, 780, '签发海关（盖章）', { size: 22, fill: LABEL })}${text(820, 822, cn(r.importDate), { size: 22 })}</svg>`;
}

export function residencePermitSvg(r: ResidencePermitRecord): string {
  const W = 856;
  const H = 540;
  const label = (x: number, y: number, s: string) => text(x, y, s, { size: 22, fill: '#2f5f93', spacing: 4 });
  const addr = [r.address.slice(0, 13), r.address.slice(13, 26), r.address.slice(26)].filter(Boolean);
  const dotted = (iso: string) => iso.replaceAll('-', '.');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="c" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#eef6f0"/><stop offset="1" stop-color="#f7f1e4"/></linearGradient></defs><rect width="100%" height="100%" rx="24" fill="url(#c)"/>
${text(W / 2 - 100, 66, '上海市居住证', { size: 36, anchor: 'middle', spacing: 8 })}
${label(56, 130, '姓名')}${text(170, 132, r.name, { size: 30 })}
${label(56, 184, '性别')}${text(170, 186, r.sex, { size: 28 })}
${label(56, 238, '居住地址')}${addr.map((l, i) => text(180, 240 + i * 40, l, { size: 26 })).join('')}
${label(56, 370, '签发机关')}${text(180, 372, r.authority, { size: 26 })}
${label(56, 420, '有效期限')}${text(180, 422, `${dotted(r.validFrom)}-${dotted(r.validTo)}`, { size: 26 })}
<rect x="600" y="90" width="200" height="240" rx="6" fill="#dfe6ec"/><circle cx="700" cy="180" r="52" fill="#b9c4cf"/><path d="M 620 330 Q 700 210 780 330 Z" fill="#b9c4cf"/>
${label(56, 486, '公民身份号码')}${text(290, 490, r.idNumber, { size: 34, font: MONO, spacing: 4 })}</svg>`;
}

/** 税务登记证 (before 2015, or a transitional 三证合一 copy carrying the USCC): the number under the title, fields by label. */
export function taxRegistrationSvg(r: LicenceRecord, form: 'pre-2015' | 'uscc'): string {
  const W = 1340;
  const H = 900;
  const L = (x: number, y: number, s: string) => text(x, y, s, { size: 24, fill: INK, spacing: 2 });
  const V = (x: number, y: number, s: string, size = 24) => text(x, y, s, { size });
  const number = form === 'uscc' ? r.uscc : r.uscc.slice(2, 17);
  const district = /上海市(.+?区)/.exec(r.address)?.[1] ?? '浦东新区';
  const issued = form === 'uscc' ? r.issued : `${Math.min(2014, Number(r.established.slice(0, 4)))}${r.established.slice(4)}`;
  const head =
    form === 'uscc'
      ? `${text(80, 96, '统一社会信用代码', { size: 22 })}${text(290, 98, number, { size: 26, font: MONO })}`
      : text(W / 2, 260, `沪税字 ${number} 号`, { size: 30, anchor: 'middle', font: MONO });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f9fbf7"/>
<rect x="20" y="20" width="${W - 40}" height="${H - 40}" fill="none" stroke="#2d6a4f" stroke-width="6"/>
${head}
${text(W / 2, 190, '税务登记证', { size: 62, anchor: 'middle', spacing: 20 })}
${L(110, 340, '纳税人名称')}${V(330, 342, r.name)}
${L(110, 400, '法定代表人（负责人）')}${V(380, 402, r.legalRepresentative)}
${L(110, 460, '地址')}${V(330, 462, r.address)}
${L(110, 520, '登记注册类型')}${V(330, 522, r.type, 22)}
${L(110, 580, '经营范围')}${V(330, 582, r.scope, 22)}
${text(760, 740, '发证机关', { size: 24, spacing: 2 })}${text(900, 742, `上海市${district}税务局`, { size: 22 })}
${text(760, 800, '发证日期', { size: 24, spacing: 2 })}${text(900, 802, cn(issued), { size: 22 })}</svg>`;
}

/** What a USCC certificate names as the organisation's type, by the code's registering authority and kind (GB 32100). */
const USCC_ORG_TYPE: Record<string, string> = {
  '11': '机关',
  '12': '事业单位',
  '51': '社会团体',
  '52': '民办非企业单位',
  '91': '企业法人',
  '92': '个体工商户',
};

/** What a 统一社会信用代码证书 prints: validity until `validTo` (YYYY-MM-DD or 长期) from its issue date. */
export interface UsccCertificatePrint {
  orgType: string;
  validity: string;
}

export function usccCertificatePrint(r: LicenceRecord, validTo: string): UsccCertificatePrint {
  return {
    orgType: USCC_ORG_TYPE[r.uscc.slice(0, 2)] ?? '其他组织机构',
    validity: `自${cn(r.issued)}至${validTo === '长期' ? '长期' : cn(validTo)}`,
  };
}

/** 统一社会信用代码证书 (T17): the code under the title, the organisation's fields by label, the issuing authority and date. */
export function usccCertificateSvg(r: LicenceRecord, print: UsccCertificatePrint): string {
  const W = 1340;
  const H = 900;
  const L = (x: number, y: number, s: string) => text(x, y, s, { size: 24, fill: INK, spacing: 2 });
  const V = (x: number, y: number, s: string, size = 24) => text(x, y, s, { size });
  const district = /上海市(.+?区)/.exec(r.address)?.[1] ?? '浦东新区';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f7f9fc"/>
<rect x="20" y="20" width="${W - 40}" height="${H - 40}" fill="none" stroke="#1f4e8c" stroke-width="6"/>
${text(W / 2, 170, '统一社会信用代码证书', { size: 58, anchor: 'middle', spacing: 12 })}
${L(110, 270, '统一社会信用代码')}${text(380, 272, r.uscc, { size: 28, font: MONO })}
${L(110, 340, '机构名称')}${V(330, 342, r.name)}
${L(110, 400, '机构类型')}${V(330, 402, print.orgType)}
${L(110, 460, '法定代表人（负责人）')}${V(380, 462, r.legalRepresentative)}
${L(110, 520, '住所')}${V(330, 522, r.address)}
${L(110, 580, '有效期')}${V(330, 582, print.validity, 22)}
${text(760, 740, '颁发单位', { size: 24, spacing: 2 })}${text(900, 742, `上海市${district}市场监督管理局`, { size: 22 })}
${text(760, 800, '发证日期', { size: 24, spacing: 2 })}${text(900, 802, cn(r.issued), { size: 22 })}</svg>`;
}
