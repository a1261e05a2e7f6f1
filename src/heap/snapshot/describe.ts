// Wording shared by the CLI, the summary view and the diagnostics, so every front end says the same thing.
import type { Attribution } from './diff';
import { formatSourceLink } from './sites';

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${bytes} B`;
  if (abs < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (abs < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** e.g. "grew by 9,812 elements (+1.4 MB)", or "grew by +1.4 MB" for values that are not containers. */
export function describeGrowth(a: Attribution): string {
  const size = `${a.sizeDelta >= 0 ? '+' : ''}${formatBytes(a.sizeDelta)}`;
  const how = a.sameObject ? '' : ' (replaced by a bigger value)';
  return a.countAfter >= 0 && a.countDelta !== 0 ? `grew by ${formatCount(a.countDelta)} ${a.countDelta === 1 ? 'element' : 'elements'} (${size})${how}` : `grew by ${size}${how}`;
}

/** e.g. "`logs`, captured by `handler` at src/logger.ts:12:5, grew by 9,812 elements (+1.4 MB)". */
export function describeAttribution(a: Attribution, cwd?: string): string {
  const by = a.function ? `captured by \`${a.function.functionName}\` at ${formatSourceLink(a.function, cwd)}` : 'captured by a function the snapshot does not locate';
  return `\`${a.variable}\` (${a.className}), ${by}, ${describeGrowth(a)}`;
}
