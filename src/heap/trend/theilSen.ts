// Theil–Sen estimator: the median of the slopes between all pairs of points. Unlike least squares it
// ignores up to ~29% wild points, so one spike or one late GC cannot fake (or hide) a trend.

export interface Point {
  t: number;
  y: number;
}

function median(values: Float64Array): number {
  const sorted = values.sort(); // typed arrays sort numerically, without a comparator call per pair
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Slope (y units per t unit) and intercept at t = 0; NaN slope for fewer than two distinct times. */
export function theilSen(points: readonly Point[]): { slope: number; intercept: number } {
  const slopes = new Float64Array((points.length * (points.length - 1)) / 2);
  let n = 0;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dt = points[j]!.t - points[i]!.t;
      if (dt !== 0) slopes[n++] = (points[j]!.y - points[i]!.y) / dt;
    }
  }
  if (n === 0) return { slope: NaN, intercept: NaN };
  const slope = median(slopes.subarray(0, n));
  return { slope, intercept: median(Float64Array.from(points, (p) => p.y - slope * p.t)) };
}

/**
 * Mann–Kendall trend statistic as a z-score: the number of rising pairs minus falling pairs over its standard
 * deviation under "no trend" (ties left uncorrected, which only makes it more cautious). Scale-free: it asks
 * whether the points keep going up, not by how much.
 */
export function mannKendallZ(points: readonly Point[]): number {
  const n = points.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(points[j]!.y - points[i]!.y);
  const sd = Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  return sd > 0 ? (s - Math.sign(s)) / sd : 0;
}
