// Wording shared by the CLI, the summary view and the diagnostics, so every front end says the same thing.
import type { Attribution } from './diff';
import { formatBytes, formatCount } from '../../common/format';
import { formatSourceLink } from './sites';

// Callers of this module's wording get the one byte formatter from here too.
export { formatBytes, formatCount };

/** e.g. "grew by 9,812 elements (+1.4 MB)", or "grew by +1.4 MB" for values that are not containers. */
export function describeGrowth(a: Attribution): string {
  const size = `${a.sizeDelta >= 0 ? '+' : ''}${formatBytes(a.sizeDelta)}`;
  const how = a.sameObject ? '' : ' (replaced by a bigger value)';
  return a.countAfter >= 0 && a.countDelta !== 0
    ? `grew by ${formatCount(a.countDelta)} ${a.countDelta === 1 ? 'element' : 'elements'} (${size})${how}`
    : `grew by ${size}${how}`;
}

/** e.g. "`logs`, captured by `handler` at src/logger.ts:12:5, grew by 9,812 elements (+1.4 MB)". */
export function describeAttribution(a: Attribution, cwd?: string): string {
  const by = a.function
    ? `captured by \`${a.function.functionName}\` at ${formatSourceLink(a.function, cwd)}`
    : 'captured by a function the snapshot does not locate';
  return `\`${a.variable}\` (${a.className}), ${by}, ${describeGrowth(a)}`;
}
