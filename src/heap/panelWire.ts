// Monitor state → the panel protocol's wire shapes (pure; the view provider only posts them).
import type { PanelMeta, WireSample, WireTrend } from '../protocol/heap';
import { describeTrend } from './format';
import type { HeapMonitor } from './monitor';
import { isGoroutineCount, type StoredSample } from './series/sampleRing';
import { DEFAULT_VERDICT_OPTIONS, type Trend } from './trend/verdict';

/** The goroutine count goes on the wire only when it is a valid one (the view rejects anything else). */
export const toWireSample = (s: StoredSample): WireSample =>
  isGoroutineCount(s.goroutines) ? [s.t, s.used, s.total, s.flags, s.goroutines] : [s.t, s.used, s.total, s.flags];

export function toWireTrend(trend: Trend): WireTrend {
  const first = trend.judgedFrom ?? trend.baseline[0]?.t;
  const last = trend.baseline[trend.baseline.length - 1];
  return {
    state: trend.state,
    text: describeTrend(trend, DEFAULT_VERDICT_OPTIONS.minPoints),
    bytesPerMinute: Number.isFinite(trend.bytesPerMinute) ? trend.bytesPerMinute : null,
    line:
      trend.fit && first !== undefined && last ? { from: first, to: last.t, slope: trend.fit.slope, intercept: trend.fit.intercept } : null,
  };
}

/** The verdict as the panel shows it: none once the target ended (its history is no longer a live service). */
export function monitorWireTrend(monitor: HeapMonitor): WireTrend {
  const ended = monitor.ended;
  return ended ? { state: 'collecting', text: `No verdict: ${ended}`, bytesPerMinute: null, line: null } : toWireTrend(monitor.trend);
}

export function panelMeta(monitor: HeapMonitor, canSnapshot: boolean): PanelMeta {
  return {
    target: monitor.target,
    status: monitor.status,
    paused: monitor.paused,
    gcEveryMs: monitor.settings.gcEveryMs,
    intervalMs: monitor.settings.intervalMs,
    canSnapshot,
    canCollectGarbage: monitor.attachedSource?.capabilities?.collectGarbage ?? false,
    error: monitor.error,
  };
}
