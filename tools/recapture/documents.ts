import type { RecaptureDocType } from '@shtp/server/recognition/recapture/doc-types';
import { Rng as IdRng, organisations, people, syntheticVin } from '@shtp/testkit';
import { person } from '../recognition-fixtures/identity.ts';
import type { Rng } from '../recognition-fixtures/prng.ts';
import { idBackSvg, idFrontSvg } from '../recognition-fixtures/render.ts';

/**
 * The six document types as SVG. ID cards come from tools/recognition-fixtures; the other five are simple layouts of
 * our own (invented metrics, no emblems or real seals): what matters for recapture is the mix of fine text, lines,
 * colour fields, stamps and plain paper, not a faithful replica. Identities come from @shtp/testkit (valid USCC,
 * VIN and ID numbers).
 */
const CJK = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";
const MONO = "'DejaVu Sans Mono', monospace";
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const text = (x: number, y: number, t: string, size = 22, fill = '#111', extra = '') =>
  `<text x="${x}" y="${y}" font-family="${CJK}" font-size="${size}" fill="${fill}" ${extra}>${esc(t)}</text>`;
const mono = (x: number, y: number, t: string, size = 22, fill = '#111') =>
  `<text x="${x}" y="${y}" font-family="${MONO}" font-size="${size}" fill="${fill}">${esc(t)}</text>`;

/** A round red seal with a star and a short label (invented, not a real seal). */
function seal(cx: number, cy: number, r: number, label: string, opacity = 0.75): string {
  return `<g opacity="${opacity}"><circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#d0191f" stroke-width="5"/><text x="${cx}" y="${cy - r / 6}" font-size="${Math.round(r / 1.8)}" fill="#d0191f" text-anchor="middle">★</text><text x="${cx}" y="${cy + r / 2}" font-family="${CJK}" font-size="${Math.round(r / 4)}" fill="#d0191f" text-anchor="middle">${esc(label)}</text></g>`;
}

/** A square of random modules standing in for a QR code (not decodable). */
function fakeCode(rng: Rng, x: number, y: number, size: number): string {
  const n = 21;
  const m = size / n;
  let s = `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#fff"/>`;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (rng.chance(0.5))
        s += `<rect x="${(x + i * m).toFixed(1)}" y="${(y + j * m).toFixed(1)}" width="${m.toFixed(1)}" height="${m.toFixed(1)}" fill="#111"/>`;
  return s;
}

function svg(w: number, h: number, bg: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="${bg}"/>${body}</svg>`;
}

const yuan = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function vehicleInvoice(rng: Rng, idRng: IdRng): string {
  const [buyer] = [...people(idRng, { count: 1 })];
  const [seller] = [...organisations(idRng, { count: 1 })];
  const vin = syntheticVin(idRng, idRng.int(0, 999_999), idRng.int(2022, 2026));
  const total = rng.int(60, 400) * 1000 + rng.int(0, 99) * 10;
  const W = 1000;
  const H = 700;
  const rows: [string, string][] = [
    ['购买方名称及身份证号码/组织机构代码', `${buyer?.name ?? ''}  ${buyer?.idNumber ?? ''}`],
    ['车辆类型', rng.pick(['轿车', '多用途乘用车', '运动型多用途乘用车'])],
    ['厂牌型号', rng.pick(['大众牌SVW71525BV', '荣威牌CSA7154TDPS', '比亚迪牌BYD7152WTHEV', '特斯拉牌TSL7000BEVBR1'])],
    ['车架号码', vin],
    ['价税合计（小写）', `¥${yuan(total)}`],
    ['销货单位名称', seller?.name ?? ''],
    ['纳税人识别号', seller?.uscc ?? ''],
    ['地址', seller?.address ?? ''],
  ];
  let body = text(330, 70, '机动车销售统一发票', 40, '#7a3b12', 'letter-spacing="6"');
  body += text(40, 120, `发票代码 ${String(rng.int(1e11, 9e11))}`, 20, '#7a3b12') + text(620, 120, `发票号码 ${String(rng.int(1e7, 9e7))}`, 20, '#7a3b12');
  body += text(40, 150, `开票日期 ${rng.int(2023, 2026)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`, 20, '#7a3b12');
  const top = 170;
  const rowH = (H - top - 40) / rows.length;
  body += `<rect x="30" y="${top}" width="${W - 60}" height="${rowH * rows.length}" fill="none" stroke="#b06a3b" stroke-width="2"/>`;
  rows.forEach(([label, value], i) => {
    const y = top + i * rowH;
    body += `<line x1="30" y1="${y}" x2="${W - 30}" y2="${y}" stroke="#b06a3b" stroke-width="1.5"/><line x1="330" y1="${y}" x2="330" y2="${y + rowH}" stroke="#b06a3b" stroke-width="1.5"/>`;
    body += text(42, y + rowH * 0.62, label, 17, '#7a3b12');
    body += /[0-9A-Z¥]{8}/.test(value) ? mono(345, y + rowH * 0.66, value, 24, '#1a1a6e') : text(345, y + rowH * 0.64, value, 22, '#1a1a6e');
  });
  return svg(W, H, '#fbf7ee', body + seal(820, 560, 70, '发票专用章'));
}

function licenceLike(rng: Rng, idRng: IdRng, title: string, kind: 'licence' | 'tax'): string {
  const [org] = [...organisations(idRng, { count: 1 })];
  const W = 1000;
  const H = 720;
  const fields: [string, string][] =
    kind === 'licence'
      ? [
          ['名称', org?.name ?? ''],
          ['类型', '有限责任公司（自然人投资或控股）'],
          ['法定代表人', org?.legalRepresentative ?? ''],
          ['注册资本', `人民币${rng.int(10, 5000)}万元整`],
          ['成立日期', org?.established ?? ''],
          ['住所', org?.address ?? ''],
          ['经营范围', '汽车销售；机动车维修；二手车经纪（依法须经批准的项目）'],
        ]
      : [
          ['纳税人名称', org?.name ?? ''],
          ['法定代表人（负责人）', org?.legalRepresentative ?? ''],
          ['地址', org?.address ?? ''],
          ['登记注册类型', '有限责任公司'],
          ['经营范围', '机动车销售及相关服务'],
          ['发证日期', org?.established ?? ''],
        ];
  const frame = kind === 'licence' ? '#b8860b' : '#2e6da4';
  let body = `<rect x="16" y="16" width="${W - 32}" height="${H - 32}" fill="none" stroke="${frame}" stroke-width="10"/><rect x="34" y="34" width="${W - 68}" height="${H - 68}" fill="none" stroke="${frame}" stroke-width="2"/>`;
  body += text(W / 2, 120, title, 56, kind === 'licence' ? '#b3141b' : '#1b3f73', 'text-anchor="middle" letter-spacing="12"');
  body += text(80, 190, '统一社会信用代码', 20) + mono(280, 190, org?.uscc ?? '', 26);
  fields.forEach(([label, value], i) => {
    const y = 250 + i * 54;
    body += text(80, y, label, 21, '#333') + text(300, y, value, 22);
  });
  body += fakeCode(rng, 800, 150, 120) + text(780, 300, '扫描二维码查询', 14, '#555');
  body += text(560, H - 90, `登记机关  上海市市场监督管理局`, 20) + seal(840, H - 130, 72, kind === 'licence' ? '登记专用章' : '税务专用章');
  return svg(W, H, kind === 'licence' ? '#fdf9ef' : '#f5f8fc', body);
}

function importCertificate(rng: Rng, idRng: IdRng): string {
  const [org] = [...organisations(idRng, { count: 1 })];
  const vin = syntheticVin(idRng, idRng.int(0, 999_999), idRng.int(2022, 2026));
  const W = 760;
  const H = 1000;
  const rows: [string, string][] = [
    ['证明书号', `${rng.int(22, 26)}${String(rng.int(1e11, 9e11))}`],
    ['进口单位', org?.name ?? ''],
    ['收货单位', org?.name ?? ''],
    ['品名', '小轿车'],
    ['规格型号', rng.pick(['奔驰 GLE450', '宝马 X5 xDrive40i', '丰田 埃尔法 2.5L', '雷克萨斯 LM350h'])],
    ['车架号', vin],
    ['原产地', rng.pick(['德国', '日本', '美国', '英国'])],
    ['进口口岸', rng.pick(['上海海关', '天津新港海关', '大连海关'])],
    ['报关单号', String(rng.int(1e11, 9e11))],
  ];
  let body = text(W / 2, 90, '货物进口证明书', 44, '#0d3b66', 'text-anchor="middle" letter-spacing="8"');
  body += text(W / 2, 130, '中华人民共和国海关', 22, '#0d3b66', 'text-anchor="middle"');
  const top = 170;
  const rowH = 78;
  rows.forEach(([label, value], i) => {
    const y = top + i * rowH;
    body += `<rect x="40" y="${y}" width="${W - 80}" height="${rowH}" fill="${i % 2 ? '#eef3f8' : 'none'}" stroke="#5b7fa6" stroke-width="1.5"/><line x1="210" y1="${y}" x2="210" y2="${y + rowH}" stroke="#5b7fa6"/>`;
    body += text(54, y + 48, label, 20, '#0d3b66');
    body += /[0-9A-Z]{10}/.test(value) ? mono(225, y + 50, value, 24) : text(225, y + 50, value, 23);
  });
  return svg(W, H, '#fafcff', body + seal(560, 900, 66, '海关验放专用章'));
}

function residencePermit(rng: Rng, idRng: IdRng): string {
  const [p] = [...people(idRng, { count: 1, nonShanghaiShare: 1 })];
  const W = 856;
  const H = 540;
  let body = `<defs><linearGradient id="rp" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e3f1ea"/><stop offset="1" stop-color="#cfe3f4"/></linearGradient></defs><rect width="100%" height="100%" rx="24" fill="url(#rp)"/>`;
  body += text(W / 2, 70, '上海市居住证', 40, '#14532d', 'text-anchor="middle" letter-spacing="10"');
  const rows: [string, string][] = [
    ['姓名', p?.name ?? ''],
    ['性别', p?.sex === 'M' ? '男' : '女'],
    ['居住地址', (p?.address ?? '').slice(0, 16)],
    ['签发机关', '上海市公安局'],
    ['有效期限', `${rng.int(2023, 2025)}.0${rng.int(1, 9)}.${rng.int(10, 28)}-长期`],
  ];
  rows.forEach(([label, value], i) => {
    body += text(50, 140 + i * 58, label, 20, '#2f5f93') + text(170, 140 + i * 58, value, 24);
  });
  body += `<rect x="640" y="110" width="170" height="210" rx="6" fill="#dfe6ec"/><circle cx="725" cy="190" r="44" fill="#b9c4cf"/>`;
  body += text(50, 470, '公民身份号码', 20, '#2f5f93') + mono(240, 472, p?.idNumber ?? '', 32);
  return svg(W, H, '#ffffff', body);
}

/** One synthetic document of a type, as SVG; `docSeed` identifies the document (the split is by document). */
export function renderDocument(type: RecaptureDocType, docSeed: number, rng: Rng): string {
  const idRng = new IdRng(docSeed);
  switch (type) {
    case 'id-card': {
      const p = person(rng);
      return rng.chance(0.5) ? idFrontSvg(rng, p, rng.chance(0.5)) : idBackSvg(rng, p, rng.chance(0.5));
    }
    case 'vehicle-invoice':
      return vehicleInvoice(rng, idRng);
    case 'business-licence':
      return licenceLike(rng, idRng, '营业执照', 'licence');
    case 'tax-registration':
      return licenceLike(rng, idRng, rng.chance(0.5) ? '税务登记证' : '统一社会信用代码证书', 'tax');
    case 'import-certificate':
      return importCertificate(rng, idRng);
    case 'residence-permit':
      return residencePermit(rng, idRng);
  }
}
