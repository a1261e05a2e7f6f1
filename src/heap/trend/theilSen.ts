// Theil–Sen estimator: the median of the slopes between all pairs of points. Unlike least squares it
// ignores up to ~29% wild points, so one spike or one late GC cannot fake (or hide) a trend.

export interface Point {
  t: number;
  y: number;
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Slope (y units per t unit) and intercept at t = 0; NaN slope for fewer than two distinct times. */
export function theilSen(points: readonly Point[]): { slope: number; intercept: number } {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dt = points[j]!.t - points[i]!.t;
      if (dt !== 0) slopes.push((points[j]!.y - points[i]!.y) / dt);
    }
  }
  if (slopes.length === 0) return { slope: NaN, intercept: NaN };
  const slope = median(slopes);
  return { slope, intercept: median(points.map((p) => p.y - slope * p.t)) };
}
