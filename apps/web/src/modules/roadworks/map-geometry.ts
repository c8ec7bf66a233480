import type { LineString } from '@shtp/core/roadworks';

/** Metres per degree of latitude; a degree of longitude is this times cos(latitude). */
const M_PER_DEG = 111_320;

/** A flat x/y in metres (east, north) around a reference latitude: fine for a few kilometres of one road. */
export type Xy = [number, number];

export const projector =
  (lat0: number) =>
  ([lon, lat]: readonly [number, number]): Xy => [lon * M_PER_DEG * Math.cos((lat0 * Math.PI) / 180), lat * M_PER_DEG];

export const lineLength = (xy: readonly Xy[]): number => xy.slice(1).reduce((sum, p, i) => sum + Math.hypot(p[0] - xy[i]![0], p[1] - xy[i]![1]), 0);

/** The point `metres` along a polyline from its first point (clamped to its ends). */
export function pointAlong(xy: readonly Xy[], metres: number): Xy {
  let left = Math.max(0, metres);
  for (let i = 1; i < xy.length; i++) {
    const [a, b] = [xy[i - 1]!, xy[i]!];
    const step = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (left <= step && step > 0) return [a[0] + ((b[0] - a[0]) * left) / step, a[1] + ((b[1] - a[1]) * left) / step];
    left -= step;
  }
  return xy[xy.length - 1]!;
}

/** A round length for a scale bar of about a fifth of `span` metres (50, 100, 200, 500 m, 1, 2, 5 km …). */
export function scaleBarMetres(span: number): number {
  const target = span / 5;
  const base = 10 ** Math.floor(Math.log10(Math.max(target, 1)));
  return [5, 2, 1].map((k) => k * base).find((m) => m <= target) ?? base;
}

/** Projects the lines and fits them into a width × height box with a margin; y grows downwards (SVG). */
export function fitLines(lines: readonly LineString[], width: number, height: number, margin: number) {
  const all = lines.flatMap((l) => l.coordinates);
  const lat0 = all.reduce((s, c) => s + c[1], 0) / all.length;
  const project = projector(lat0);
  const xy = all.map(project);
  const [minX, maxX] = [Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[1]))];
  const span = Math.max(maxX - minX, maxY - minY, 1);
  const scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1), (height - 2 * margin) / Math.max(maxY - minY, 1));
  // Centred in the box: a straight road fills its width and sits in the middle.
  const [left, bottom] = [(width - (maxX - minX) * scale) / 2, (height + (maxY - minY) * scale) / 2];
  const toSvg = ([x, y]: Xy): Xy => [left + (x - minX) * scale, bottom - (y - minY) * scale];
  return { project, toSvg, scale, span };
}
