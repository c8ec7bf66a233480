import sharp from 'sharp';
import { homography } from './geometry.ts';
import type { Person } from './identity.ts';
import type { PlateType } from './plates.ts';
import type { Rng } from './prng.ts';

const CJK = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";
const MONO = "'DejaVu Sans Mono', 'WenQuanYi Micro Hei Mono', monospace";

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

interface PlateStyle {
  width: number;
  bg: string;
  fg: string;
  border: string;
}

function plateStyle(type: PlateType): PlateStyle {
  switch (type) {
    case 'ordinary':
      return { width: 440, bg: '<rect width="100%" height="100%" rx="10" fill="#0b4ea2"/>', fg: '#ffffff', border: '#ffffff' };
    case 'new-energy-small':
      return {
        width: 480,
        bg: '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f2fbf4"/><stop offset="1" stop-color="#3fbf6a"/></linearGradient></defs><rect width="100%" height="100%" rx="10" fill="url(#g)"/>',
        fg: '#111111',
        border: '#222222',
      };
    case 'new-energy-large':
      return {
        width: 480,
        bg: '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#e9c43a"/><stop offset="0.3" stop-color="#e9c43a"/><stop offset="0.31" stop-color="#49b86d"/><stop offset="1" stop-color="#49b86d"/></linearGradient></defs><rect width="100%" height="100%" rx="10" fill="url(#g)"/>',
        fg: '#111111',
        border: '#222222',
      };
    case 'ebike':
      // Assumed look (DOMAIN.md §1.7: the Shanghai e-bike plate was not found): white, dark green characters.
      return { width: 480, bg: '<rect width="100%" height="100%" rx="10" fill="#f7f7f2"/>', fg: '#0d5c2e', border: '#0d5c2e' };
  }
}

/** A plate as SVG (440/480 × 140, the proportions of the real plates), separator dot after the second character. */
export function plateSvg(plate: string, type: PlateType): { svg: string; width: number; height: number } {
  const st = plateStyle(type);
  const chars = [...plate];
  const h = 140;
  const left = 24;
  const dotGap = 28;
  const usable = st.width - 2 * left - dotGap;
  const step = usable / chars.length;
  let x = left + step / 2;
  const glyphs: string[] = [];
  chars.forEach((c, i) => {
    if (i === 2) {
      glyphs.push(`<circle cx="${x - step / 2 + dotGap / 2}" cy="${h / 2}" r="5" fill="${st.fg}"/>`);
      x += dotGap;
    }
    const cjk = /[\u4e00-\u9fff]/.test(c);
    const size = cjk ? 74 : 96;
    glyphs.push(
      `<text x="0" y="0" transform="translate(${x.toFixed(1)} ${cjk ? 96 : 104}) scale(${cjk ? 0.92 : 0.62} 1)" font-family="${cjk ? CJK : "'DejaVu Sans', sans-serif"}" font-weight="${cjk ? 'normal' : 'bold'}" font-size="${size}" fill="${st.fg}" text-anchor="middle">${esc(c)}</text>`,
    );
    x += step;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${st.width}" height="${h}">${st.bg}<rect x="7" y="7" width="${st.width - 14}" height="${h - 14}" rx="7" fill="none" stroke="${st.border}" stroke-width="3"/>${glyphs.join('')}</svg>`;
  return { svg, width: st.width, height: h };
}

/** Text that is not a plate, for scenes: a plate must be picked by its format, not by where it is. */
const DISTRACTORS = [
  '上海大众汽车销售服务有限公司',
  '4S店 服务热线 021-64871234',
  '荣威 RX5 MAX',
  'A6L 45 TFSI',
  '新车到店 限时优惠',
  '沪牌 代办',
  '车架号 LSVAU2187N2123456',
  '出口 EXIT',
  '2024款 豪华版',
  '比亚迪 秦PLUS DM-i',
];

/** A scene: a vehicle-like body with the plate somewhere and unrelated text around it. */
export async function plateScene(rng: Rng, plate: string, type: PlateType): Promise<Buffer> {
  const W = 800;
  const H = 560;
  const p = plateSvg(plate, type);
  const scale = rng.range(0.5, 0.7);
  const pw = Math.round(p.width * scale);
  const ph = Math.round(p.height * scale);
  const px = rng.int(40, W - pw - 40);
  const py = rng.int(200, H - ph - 40);
  const body = rng.pick(['#c9ccd1', '#2b2f36', '#e8e4dc', '#7a1f1f', '#1f3b5c', '#f2f2f2']);
  const dark = ['#2b2f36', '#7a1f1f', '#1f3b5c'].includes(body);
  const ink = dark ? '#eeeeee' : '#222222';
  const extras: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < 3; i++) {
    let t = rng.pick(DISTRACTORS);
    while (used.has(t)) t = rng.pick(DISTRACTORS);
    used.add(t);
    const y = 50 + i * 55;
    extras.push(`<text x="${rng.int(30, 260)}" y="${y}" font-family="${CJK}" font-size="${rng.int(24, 32)}" fill="${ink}">${esc(t)}</text>`);
  }
  const plateImg = await sharp(Buffer.from(p.svg)).resize(pw, ph).png().toBuffer();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="b" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${body}"/><stop offset="1" stop-color="#555"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#b)"/><rect x="${px - 20}" y="${py - 14}" width="${pw + 40}" height="${ph + 28}" rx="6" fill="#1a1a1a"/>${extras.join('')}<circle cx="120" cy="${H - 60}" r="40" fill="#ddd" opacity="0.6"/><circle cx="${W - 120}" cy="${H - 60}" r="40" fill="#ddd" opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg))
    .composite([{ input: plateImg, left: px, top: py }])
    .png()
    .toBuffer();
}

/** A wavy security pattern (guilloche-like), as on ID cards. */
function guilloche(rng: Rng, w: number, h: number, colour: string, opacity: number, lines: number): string {
  const paths: string[] = [];
  for (let k = 0; k < lines; k++) {
    const amp = rng.range(6, 22);
    const period = rng.range(60, 160);
    const phase = rng.range(0, Math.PI * 2);
    const y0 = (h / lines) * k + rng.range(0, h / lines);
    let d = `M 0 ${y0.toFixed(1)}`;
    for (let x = 0; x <= w; x += 8) d += ` L ${x} ${(y0 + amp * Math.sin((x / period) * Math.PI * 2 + phase)).toFixed(1)}`;
    paths.push(`<path d="${d}" stroke="${colour}" stroke-width="1" fill="none" opacity="${opacity}"/>`);
  }
  return paths.join('');
}

/** The ID-number strip as on the card's front: label and 18 characters. */
export function idLineSvg(rng: Rng, idNumber: string, patterned: boolean): string {
  const W = 760;
  const H = 96;
  const bg = patterned ? guilloche(rng, W, H, '#6c8fb8', 0.55, 10) : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f4f1ea"/>${bg}<text x="24" y="60" font-family="${CJK}" font-size="26" fill="#2f5f93">公民身份号码</text><text x="230" y="64" font-family="${MONO}" font-size="38" letter-spacing="4" fill="#111">${idNumber}</text></svg>`;
}

/** Splits an address into card lines of at most `n` characters. */
function wrap(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
}

/** An ID-card-like front (856 × 540, the ID-1 proportions). Not a replica: no emblem, no real layout metrics. */
export function idFrontSvg(rng: Rng, p: Person, patterned: boolean): string {
  const W = 856;
  const H = 540;
  const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  const label = (x: number, yy: number, t: string) =>
    `<text x="${x}" y="${yy}" font-family="${CJK}" font-size="22" fill="#2f5f93" letter-spacing="6">${t}</text>`;
  const value = (x: number, yy: number, t: string, size = 28) =>
    `<text x="${x}" y="${yy}" font-family="${CJK}" font-size="${size}" fill="#111">${esc(t)}</text>`;
  const addr = wrap(p.address, 12);
  const bg = guilloche(rng, W, H, '#7da7cf', patterned ? 0.5 : 0.18, patterned ? 26 : 10);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="c" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#eef4f7"/><stop offset="1" stop-color="#f6efe3"/></linearGradient></defs><rect width="100%" height="100%" rx="24" fill="url(#c)"/>${bg}
${label(56, 92, '姓名')}${value(160, 94, p.name, 32)}
${label(56, 156, '性别')}${value(160, 158, p.sex)}${label(270, 156, '民族')}${value(370, 158, p.ethnicity)}
${label(56, 220, '出生')}${value(160, 222, `${y}`)}${value(240, 222, '年')}${value(280, 222, `${m}`)}${value(320, 222, '月')}${value(360, 222, `${d}`)}${value(400, 222, '日')}
${label(56, 284, '住址')}${addr.map((l, i) => value(160, 286 + i * 44, l)).join('')}
<rect x="600" y="70" width="200" height="250" rx="6" fill="#dfe6ec"/><circle cx="700" cy="160" r="52" fill="#b9c4cf"/><path d="M 620 320 Q 700 200 780 320 Z" fill="#b9c4cf"/>
${label(56, 460, '公民身份号码')}<text x="290" y="464" font-family="${MONO}" font-size="36" letter-spacing="5" fill="#111">${p.idNumber}</text></svg>`;
}

/** An ID-card-like back: issuing authority and validity. */
export function idBackSvg(rng: Rng, p: Person, patterned: boolean): string {
  const W = 856;
  const H = 540;
  const bg = guilloche(rng, W, H, '#c9a46a', patterned ? 0.5 : 0.2, patterned ? 26 : 10);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" rx="24" fill="#f5efe2"/>${bg}<circle cx="130" cy="130" r="70" fill="none" stroke="#c0392b" stroke-width="6"/><text x="260" y="120" font-family="${CJK}" font-size="44" fill="#111" letter-spacing="8">中华人民共和国</text><text x="260" y="210" font-family="${CJK}" font-size="56" fill="#111" letter-spacing="14">居民身份证</text>
<text x="120" y="400" font-family="${CJK}" font-size="22" fill="#333" letter-spacing="6">签发机关</text><text x="290" y="402" font-family="${CJK}" font-size="28" fill="#111">${esc(p.authority)}</text>
<text x="120" y="468" font-family="${CJK}" font-size="22" fill="#333" letter-spacing="6">有效期限</text><text x="290" y="470" font-family="${CJK}" font-size="28" fill="#111">${p.validFrom}-${p.validTo}</text></svg>`;
}

export type Degradation = 'blur' | 'rotate' | 'perspective' | 'low-contrast' | 'jpeg' | 'noise' | 'dim' | 'photo';

/** Renders an SVG or image, then applies the degradations in a fixed order; returns JPEG bytes. */
export async function degrade(rng: Rng, input: Buffer, degradations: Degradation[], opts: { quality?: number; maxWidth?: number } = {}): Promise<Buffer> {
  let img = sharp(input).flatten({ background: '#ffffff' });
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  let width = info.width;
  let height = info.height;
  let rgb: Uint8Array = new Uint8Array(data);
  const has = (d: Degradation) => degradations.includes(d);

  if (has('photo')) {
    // On a desk: margin of a dark textured surface around the document.
    const m = Math.round(width * 0.08);
    const W = width + 2 * m;
    const H = height + 2 * m;
    const out = new Uint8Array(W * H * 3);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const o = (y * W + x) * 3;
        const t = 60 + ((x * 7 + y * 13) % 23) + Math.round(rng.next() * 12);
        out[o] = t;
        out[o + 1] = t - 8;
        out[o + 2] = t - 16;
      }
    }
    for (let y = 0; y < height; y++) out.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), ((y + m) * W + m) * 3);
    rgb = out;
    width = W;
    height = H;
  }
  if (has('perspective')) {
    rgb = perspective(rng, rgb, width, height);
  }
  img = sharp(rgb, { raw: { width, height, channels: 3 } });
  if (has('rotate')) {
    const angle = rng.range(4, 10) * (rng.chance(0.5) ? 1 : -1);
    img = sharp(
      await img
        .rotate(angle, { background: { r: 128, g: 128, b: 128 } })
        .png()
        .toBuffer(),
    );
  }
  if (has('blur')) img = sharp(await img.blur(rng.range(1.3, 2.2)).png().toBuffer());
  if (has('low-contrast')) {
    const a = rng.range(0.22, 0.4);
    img = sharp(
      await img
        .linear(a, 128 * (1 - a) + rng.range(-20, 20))
        .png()
        .toBuffer(),
    );
  }
  if (has('dim')) img = sharp(await img.gamma(2.2, 1.0).linear(0.6, 0).png().toBuffer());
  if (has('noise')) {
    const r = await img.raw().toBuffer({ resolveWithObject: true });
    const px = new Uint8Array(r.data);
    for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, (px[i] as number) + Math.round((rng.next() + rng.next() + rng.next() - 1.5) * 40)));
    img = sharp(px, { raw: { width: r.info.width, height: r.info.height, channels: 3 } });
  }
  if (opts.maxWidth) img = sharp(await img.resize({ width: opts.maxWidth, withoutEnlargement: true }).png().toBuffer());
  const quality = has('jpeg') ? rng.int(10, 20) : (opts.quality ?? 82);
  return img.jpeg({ quality, mozjpeg: true }).toBuffer();
}

/** A random homography: corners moved inward by up to 8 % (a photo taken at an angle). */
function perspective(rng: Rng, src: Uint8Array, w: number, h: number): Uint8Array {
  const j = () => rng.range(0.0, 0.12);
  // Destination corners of the source corners (0,0) (w,0) (w,h) (0,h).
  const dst: [number, number][] = [
    [w * j(), h * j()],
    [w * (1 - j()), h * j()],
    [w * (1 - j()), h * (1 - j())],
    [w * j(), h * (1 - j())],
  ];
  const srcPts: [number, number][] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const [h0, h1, h2, h3, h4, h5, h6, h7] = homography(dst, srcPts) as [number, number, number, number, number, number, number, number]; // output pixel → source pixel
  const out = new Uint8Array(w * h * 3).fill(128);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = h6 * x + h7 * y + 1;
      const sx = (h0 * x + h1 * y + h2) / d;
      const sy = (h3 * x + h4 * y + h5) / d;
      if (sx < 0 || sy < 0 || sx >= w - 1 || sy >= h - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const a = (src[(y0 * w + x0) * 3 + c] as number) * (1 - fx) + (src[(y0 * w + x0 + 1) * 3 + c] as number) * fx;
        const b = (src[((y0 + 1) * w + x0) * 3 + c] as number) * (1 - fx) + (src[((y0 + 1) * w + x0 + 1) * 3 + c] as number) * fx;
        out[(y * w + x) * 3 + c] = Math.round(a * (1 - fy) + b * fy);
      }
    }
  }
  return out;
}
