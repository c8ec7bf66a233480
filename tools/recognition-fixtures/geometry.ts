export type Point = [number, number];

/** The 3×3 homography (h33 = 1) taking the four `from` points to the four `to` points (Gauss–Jordan). */
export function homography(from: Point[], to: Point[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i] as Point;
    const [u, v] = to[i] as Point;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs((A[r] as number[])[c] as number) > Math.abs((A[p] as number[])[c] as number)) p = r;
    [A[c], A[p]] = [A[p] as number[], A[c] as number[]];
    const row = A[c] as number[];
    const pivot = row[c] as number;
    for (let k = c; k < 9; k++) row[k] = (row[k] as number) / pivot;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const other = A[r] as number[];
      const f = other[c] as number;
      for (let k = c; k < 9; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  return A.map((r) => r[8] as number);
}
