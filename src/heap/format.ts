// Human wording of sizes and verdicts, shared by the panel, the status bar and the CLI so they agree.
import type { Trend } from './trend/verdict';

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (abs >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (abs >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${Math.round(bytes)} B`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${(min / 60).toFixed(1)} h`;
}

export function describeTrend(trend: Trend, minPoints: number): string {
  const over = `over the last ${formatDuration(trend.spanMs)}`;
  switch (trend.state) {
    case 'growing':
      return `growing ≈ ${formatBytes(trend.bytesPerMinute)}/min ${over}`;
    case 'steady':
      return `steady: post-GC heap ${formatBytes(trend.baseline[trend.baseline.length - 1]!.y)}, ${trend.bytesPerMinute >= 0 ? '+' : ''}${formatBytes(trend.bytesPerMinute)}/min ${over}`;
    case 'collecting':
      return trend.baseline.length > 0
        ? `collecting post-GC points (${trend.baseline.length} of ${minPoints})`
        : 'waiting for garbage collections to judge the trend (or force them: Collect Garbage)';
  }
}
