import sharp from 'sharp';
import { homography, type Point } from '../recognition-fixtures/geometry.ts';
import type { Rng } from '../recognition-fixtures/prng.ts';
import type { Regime } from './regimes.ts';

/** A rendered document in linear light (0–1 per channel), the input of a capture. */
export interface LinearImage {
  data: Float32Array;
  width: number;
  height: number;
}

/** Supersampling of the scene before the sensor integrates it (box filter): what lets a fine grid alias into moiré. */
const SUPER = 2;
const toLinear = (c: number) => (c / 255) ** 2.2;

/** Renders an SVG (or any image) to linear RGB. */
export async function linearFromImage(input: Buffer): Promise<LinearImage> {
  const { data, info } = await sharp(input).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const lut = Float32Array.from({ length: 256 }, (_, i) => toLinear(i));
  const out = new Float32Array(info.width * info.height * 3);
  for (let i = 0; i < out.length; i++) out[i] = lut[data[i] as number] as number;
  return { data: out, width: info.width, height: info.height };
}

interface Ink {
  angle: number;
  /** Reflectance of the ink per channel (linear). */
  refl: [number, number, number];
}
const CMYK: Ink[] = [
  { angle: 15, refl: [0.05, 0.55, 0.85] },
  { angle: 75, refl: [0.85, 0.08, 0.45] },
  { angle: 0, refl: [0.95, 0.88, 0.06] },
  { angle: 45, refl: [0.04, 0.04, 0.04] },
];

/**
 * Simulates one photo of a document in a regime: an original (the document itself, with paper grain), a screen
 * recapture (the document shown on an RGB-stripe display with a black matrix, display gamma, black level and
 * backlight white point) or a print recapture (CMYK or black amplitude-modulated halftone at classic screen angles on
 * toned paper). Then the camera: perspective and rotation, box integration of the supersampled scene, exposure and
 * vignetting, glare, white-balance error, lens blur, sensor noise, JPEG. Returns JPEG bytes.
 */
export async function capture(doc: LinearImage, regime: Regime, rng: Rng): Promise<Buffer> {
  const r = (range: [number, number]) => rng.range(range[0], range[1]);
  const outW = Math.round(r(regime.width));
  const fill = r(regime.fill);
  const k = (fill * outW) / doc.width; // photo pixels per document pixel
  const margin = ((1 - fill) / 2) * outW;
  const outH = Math.round(doc.height * k + 2 * margin);
  const W = outW * SUPER;
  const H = outH * SUPER;

  // Where the document's corners land in the supersampled photo.
  const cx = W / 2;
  const cy = H / 2;
  const hw = (doc.width * k * SUPER) / 2;
  const hh = (doc.height * k * SUPER) / 2;
  const angle = (rng.range(-regime.rotate, regime.rotate) * Math.PI) / 180;
  const jitter = () => rng.range(-regime.perspective, regime.perspective);
  const corners: Point[] = (
    [
      [-hw, -hh],
      [hw, -hh],
      [hw, hh],
      [-hw, hh],
    ] as Point[]
  ).map(([x, y]) => {
    const jx = x + jitter() * hw * 2;
    const jy = y + jitter() * hh * 2;
    return [cx + jx * Math.cos(angle) - jy * Math.sin(angle), cy + jx * Math.sin(angle) + jy * Math.cos(angle)];
  });
  const Hm = homography(corners, [
    [0, 0],
    [doc.width, 0],
    [doc.width, doc.height],
    [0, doc.height],
  ]);

  const scene = new Float32Array(W * H * 3);
  const rgb: [number, number, number] = [0, 0, 0];
  const sample = sampler(doc);
  const screen = regime.screen && {
    q: r(regime.screen.pitch) / k, // document pixels per screen pixel
    gamma: r(regime.screen.gamma),
    black: r(regime.screen.black),
    blue: r(regime.screen.blue),
  };
  const print = regime.print && {
    cell: r(regime.print.cell) / k, // document pixels per halftone cell
    paper: [r(regime.print.paper), 0, 0] as number[],
    inks: (regime.print.greyOnly ? [CMYK[3] as Ink] : CMYK).map((ink) => {
      const a = ((ink.angle + rng.range(-7, 7)) * Math.PI) / 180;
      return { ...ink, cos: Math.cos(a), sin: Math.sin(a) };
    }),
  };
  if (print) {
    const tone = print.paper[0] as number;
    print.paper = [tone, tone * rng.range(0.97, 1.0), tone * rng.range(0.88, 0.97)];
  }
  // Whatever surrounds the document — desk, hand, table — in any class; a screen's dark bezel only sometimes.
  const deskA = rng.range(0.004, 0.12);
  const bezel = rng.chance(0.5);
  for (let Y = 0; Y < H; Y++) {
    for (let X = 0; X < W; X++) {
      const o = (Y * W + X) * 3;
      const d = (Hm[6] as number) * X + (Hm[7] as number) * Y + 1;
      const u = ((Hm[0] as number) * X + (Hm[1] as number) * Y + (Hm[2] as number)) / d;
      const v = ((Hm[3] as number) * X + (Hm[4] as number) * Y + (Hm[5] as number)) / d;
      if (u < 0 || v < 0 || u >= doc.width - 1 || v >= doc.height - 1) {
        // Desk (or, round a screen, its dark bezel).
        const t =
          screen && bezel && u > -0.04 * doc.width && v > -0.04 * doc.height && u < doc.width * 1.04 && v < doc.height * 1.04
            ? 0.003
            : deskA * (0.8 + 0.4 * hash(X >> 3, Y >> 3));
        scene[o] = t;
        scene[o + 1] = t * 0.9;
        scene[o + 2] = t * 0.8;
        continue;
      }
      if (screen) {
        const su = u / screen.q;
        const sv = v / screen.q;
        const iu = Math.floor(su);
        const iv = Math.floor(sv);
        sample((iu + 0.5) * screen.q, (iv + 0.5) * screen.q, rgb);
        const fu = (su - iu) * 3;
        const ch = Math.min(2, Math.floor(fu));
        const lit = sv - iv < 0.82 && fu - ch < 0.86 ? 1 / ((0.82 * 0.86) / 3) / 3 : 0; // sub-pixel stripe, black matrix between
        for (let c = 0; c < 3; c++) {
          const level = c === ch ? lit * ((rgb[c] as number) ** (1 / 2.2)) ** screen.gamma : 0;
          const white = c === 2 ? 1 + screen.blue : c === 0 ? 1 - screen.blue : 1;
          scene[o + c] = (screen.black / 3 + (1 - screen.black) * level) * white;
        }
        continue;
      }
      sample(u, v, rgb);
      if (print) {
        let rr = print.paper[0] as number;
        let gg = print.paper[1] as number;
        let bb = print.paper[2] as number;
        // Ink amounts: grey component replacement for CMYK, coverage = 1 − luminance for black only.
        const cc = 1 - (rgb[0] as number) ** (1 / 2.2);
        const mm = 1 - (rgb[1] as number) ** (1 / 2.2);
        const yy = 1 - (rgb[2] as number) ** (1 / 2.2);
        const kk = Math.min(cc, mm, yy);
        const amounts = print.inks.length === 1 ? [0.3 * cc + 0.59 * mm + 0.11 * yy] : [cc - kk, mm - kk, yy - kk, kk];
        print.inks.forEach((ink, i) => {
          const cov = amounts[i] as number;
          if (cov <= 0.01) return;
          const a = (u * ink.cos + v * ink.sin) / print.cell;
          const b = (-u * ink.sin + v * ink.cos) / print.cell;
          const spot = 0.5 + 0.25 * (Math.cos(2 * Math.PI * a) + Math.cos(2 * Math.PI * b));
          if (spot > 1 - cov) {
            rr *= ink.refl[0];
            gg *= ink.refl[1];
            bb *= ink.refl[2];
          }
        });
        scene[o] = rr;
        scene[o + 1] = gg;
        scene[o + 2] = bb;
        continue;
      }
      // An original: the document with a little paper grain.
      const grain = 1 + 0.03 * (hash(X, Y) - 0.5);
      scene[o] = (rgb[0] as number) * grain;
      scene[o + 1] = (rgb[1] as number) * grain;
      scene[o + 2] = (rgb[2] as number) * grain;
    }
  }
  const photo = develop(scene, W, H, outW, outH, regime, rng);
  let img = sharp(photo, { raw: { width: outW, height: outH, channels: 3 } });
  const sigma = r(regime.blur);
  if (sigma >= 0.3) img = sharp(await img.blur(sigma).raw().toBuffer(), { raw: { width: outW, height: outH, channels: 3 } });
  const px = new Uint8Array(await img.raw().toBuffer());
  const noise = r(regime.noise);
  for (let i = 0; i < px.length; i++) px[i] = clamp8((px[i] as number) + gauss(rng) * noise);
  return sharp(px, { raw: { width: outW, height: outH, channels: 3 } })
    .jpeg({ quality: Math.round(r(regime.quality)) })
    .toBuffer();
}

/** Sensor: box integration of SUPER² scene samples, exposure, vignetting, glare, white balance, sRGB encoding. */
function develop(scene: Float32Array, W: number, H: number, outW: number, outH: number, regime: Regime, rng: Rng): Uint8Array {
  const exposure = rng.range(regime.exposure[0], regime.exposure[1]);
  const cast = rng.range(regime.cast[0], regime.cast[1]);
  const vignette = rng.range(0.05, 0.25);
  const glare = rng.chance(regime.glare)
    ? { x: rng.range(0.2, 0.8) * outW, y: rng.range(0.2, 0.8) * outH, r: rng.range(0.06, 0.16) * outW, a: rng.range(0.4, 1.2) }
    : null;
  const out = new Uint8Array(outW * outH * 3);
  const n = SUPER * SUPER;
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const dx = x / outW - 0.5;
      const dy = y / outH - 0.5;
      const light = exposure * (1 - vignette * (dx * dx + dy * dy) * 2);
      const g = glare ? glare.a * Math.exp(-((x - glare.x) ** 2 + (y - glare.y) ** 2) / (2 * glare.r * glare.r)) : 0;
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let j = 0; j < SUPER; j++) for (let i = 0; i < SUPER; i++) s += scene[(((y * SUPER + j) * W + x * SUPER + i) * 3 + c) as number] as number;
        const wb = c === 0 ? 1 + cast : c === 2 ? 1 - cast : 1;
        out[(y * outW + x) * 3 + c] = clamp8(255 * Math.min(1, (s / n) * light * wb + g) ** (1 / 2.2));
      }
    }
  }
  void H;
  return out;
}

/** Bilinear sampling of a linear image into `out`. */
function sampler(img: LinearImage) {
  const { data, width } = img;
  return (u: number, v: number, out: [number, number, number]) => {
    const x0 = Math.floor(u);
    const y0 = Math.floor(v);
    const fx = u - x0;
    const fy = v - y0;
    const i00 = (y0 * width + x0) * 3;
    const i10 = i00 + 3;
    const i01 = i00 + width * 3;
    const i11 = i01 + 3;
    for (let c = 0; c < 3; c++) {
      const a = (data[i00 + c] as number) * (1 - fx) + (data[i10 + c] as number) * fx;
      const b = (data[i01 + c] as number) * (1 - fx) + (data[i11 + c] as number) * fx;
      out[c] = a * (1 - fy) + b * fy;
    }
  };
}

/** A fixed pseudo-random value in [0, 1) per integer position (paper grain, desk texture). */
function hash(x: number, y: number): number {
  let h = Math.imul(x, 374761393) + Math.imul(y, 668265263);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const clamp8 = (x: number) => (x <= 0 ? 0 : x >= 255 ? 255 : Math.round(x));
const gauss = (rng: Rng) => rng.next() + rng.next() + rng.next() + rng.next() - 2;
