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
