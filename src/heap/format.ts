// The verdict in words, shared by the panel, the status bar and the CLI so they agree. Sizes and durations
// come from the one formatter in src/common/format.ts (the webviews use it too).
import { formatBytes, formatDuration } from '../common/format';
import type { Trend } from './trend/verdict';

export { formatBytes, formatDuration };

const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${formatBytes(bytes)}`;

/** One statement with one rate: the rate of the judged points, the same one the drawn trend line has. */
export function describeTrend(trend: Trend, minPoints: number): string {
  const over = `over the last ${formatDuration(trend.spanMs)}`;
  switch (trend.state) {
    case 'growing':
      return `growing ≈ ${formatBytes(trend.bytesPerMinute)}/min ${over}`;
    case 'steady': {
      const level = `post-GC heap ${formatBytes(trend.baseline[trend.baseline.length - 1]!.y)}`;
      return trend.withinNoise
        ? `steady: ${level}; ${signed(trend.bytesPerMinute)}/min ${over} is not a sustained rise (yet)`
        : `steady: ${level}, ${signed(trend.bytesPerMinute)}/min ${over}`;
    }
    case 'collecting':
      return trend.baseline.length > 0
        ? `collecting post-GC points (${trend.baseline.length} of ${minPoints})`
        : 'waiting for garbage collections to judge the trend (or force them: Collect Garbage)';
  }
}
