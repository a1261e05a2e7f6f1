// A `runtime-growth` finding: growth a comparison measured where no static finding explains it, anchored on
// the rest of the line it points at (the capturing function, or a Go allocation site).
import type { Finding } from '../findings/model';

/** 0-based offset of the start of a 1-based line (the end of the text past its last line). */
function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** `column` (1-based) where the growth was seen; without one, the line's first non-blank character. */
export function runtimeGrowthFinding(
  text: string,
  at: { line: number; column?: number },
  message: string,
  target: string,
  handler: string,
): Finding {
  const begin = lineStart(text, at.line);
  const lineEnd = text.indexOf('\n', begin);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const indent = /^[ \t]*/.exec(text.slice(begin, end))![0].length;
  const column = at.column ?? indent + 1;
  const start = Math.min(begin + column - 1, end);
  return {
    rule: 'runtime-growth',
    severity: 'warning',
    message,
    range: { line: at.line, column, endLine: at.line, endColumn: column + (end - start), start, end },
    related: [],
    target,
    handler,
    growth: 'runtime',
    fixes: [],
  };
}

/** The rules whose findings a growing container confirms. */
export const GROWTH_RULES: ReadonlySet<string> = new Set(['unbounded-capture', 'bounded-buffer']);
