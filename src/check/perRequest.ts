// Bytes retained per request: the Theil–Sen slope of the post-GC heap against the number of requests served,
// with Sen's distribution-free 95 % confidence interval (the ranks of the pairwise slopes around the median,
// from the variance of Kendall's S). The interval is what the baseline comparison calls the noise band: on a
// busy machine the slope of a steady service wobbles, and only a difference beyond both runs' intervals counts.

export interface XY {
  x: number;
  y: number;
}

export interface SlopeEstimate {
  /** Median pairwise slope (bytes per request); NaN with fewer than two distinct x. */
  slope: number;
  /** Lower and upper bound of the 95 % confidence interval. */
  low: number;
  high: number;
  /** Points the estimate rests on. */
  points: number;
}

const Z_95 = 1.96;

export function senSlope(points: readonly XY[]): SlopeEstimate {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.x - points[i]!.x;
      if (dx !== 0) slopes.push((points[j]!.y - points[i]!.y) / dx);
    }
  }
  const n = points.length;
  const count = slopes.length;
  if (count === 0) return { slope: NaN, low: NaN, high: NaN, points: n };
  slopes.sort((a, b) => a - b);
  const mid = count >> 1;
  const slope = count % 2 ? slopes[mid]! : (slopes[mid - 1]! + slopes[mid]!) / 2;
  const c = Z_95 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  // 1-based ranks M1 = (N − C)/2 and M2 + 1 = (N + C)/2 + 1, clamped to the slopes there are.
  const lowRank = Math.max(1, Math.floor((count - c) / 2));
  const highRank = Math.min(count, Math.ceil((count + c) / 2) + 1);
  return { slope, low: slopes[lowRank - 1]!, high: slopes[highRank - 1]!, points: n };
}
