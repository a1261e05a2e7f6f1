// How sizes, counts and durations read everywhere — panel, status bar, snapshot views, CLI — so they agree.
// A leaf module: the webviews and the engines both import it, and it imports nothing.

/** Decimal units as DevTools shows them: 999 B, 1.5 kB, 23.0 MB, 2.10 GB. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${Math.round(bytes)} B`;
  if (abs < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (abs < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${(min / 60).toFixed(1)} h`;
}

/** Axis labels where width is short: at most three significant digits, no trailing ".0" (e.g. 120 MB, 1.5 GB). */
export function formatBytesCompact(bytes: number): string {
  const abs = Math.abs(bytes);
  const [value, unit] = abs < 1000 ? [bytes, 'B'] : abs < 1e6 ? [bytes / 1e3, 'kB'] : abs < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${Number(value.toPrecision(Math.abs(value) >= 100 ? 3 : 2))} ${unit}`;
}

/** Between the steps of a retainer path, the object's nearest holder first: "`entries` in logRequest() ← `handle` of Layer". */
export const RETAINER_STEP_SEPARATOR = ' ← ';
