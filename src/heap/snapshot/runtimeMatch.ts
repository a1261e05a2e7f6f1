// "Runtime meets static": a comparison's attributions matched to the linter's findings. Growth held by a
// variable that an `unbounded-capture` finding names is that finding confirmed; growth the linter did not
// flag becomes a `runtime-growth` finding at the capturing function.
import type { Finding, Range } from '../../analysis/types';
import type { Attribution } from './diff';
import { describeGrowth } from './describe';

export interface Confirmation {
  finding: Finding;
  attribution: Attribution;
  /** e.g. "Confirmed at runtime: `logs` grew by 5,000 elements (+1.6 MB) between two heap snapshots." */
  message: string;
}

export interface RuntimeMatch {
  confirmed: Confirmation[];
  /** `runtime-growth` findings, one per attribution no finding explains (only for files that were linted). */
  unflagged: { file: string; finding: Finding }[];
}

/** The linted text and findings of a file, by absolute path; undefined when the file is not in reach. */
export type FindingsOf = (file: string) => { text: string; findings: Finding[] } | undefined;

const GROWTH_RULES = new Set(['unbounded-capture', 'bounded-buffer']);

/** `logs` matches `logs`, `this.logs` and `state.logs` (the analysed name may be qualified). */
function namesVariable(target: string, variable: string): boolean {
  return target === variable || target.endsWith(`.${variable}`);
}

export function matchRuntimeGrowth(attributions: Attribution[], findingsOf: FindingsOf): RuntimeMatch {
  const confirmed: Confirmation[] = [];
  const unflagged: RuntimeMatch['unflagged'] = [];
  for (const a of attributions) {
    const file = a.function?.file;
    if (!file || !a.sameObject) continue; // only a container that grew in place is evidence about the code
    const linted = findingsOf(file);
    if (!linted) continue;
    const line = a.function!.line;
    const candidates = linted.findings.filter((f) => GROWTH_RULES.has(f.rule) && namesVariable(f.target, a.variable));
    const finding = candidates.sort((x, y) => Math.abs(x.range.line - line) - Math.abs(y.range.line - line))[0];
    const growth = `\`${a.variable}\` ${describeGrowth(a)} between two heap snapshots`;
    if (finding) confirmed.push({ finding, attribution: a, message: `Confirmed at runtime: ${growth}.` });
    else unflagged.push({ file, finding: runtimeGrowthFinding(a, linted.text, growth) });
  }
  return { confirmed, unflagged };
}

/** 1-based line/column → 0-based UTF-16 offset (clamped to the text). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

function runtimeGrowthFinding(a: Attribution, text: string, growth: string): Finding {
  const fn = a.function!;
  const start = offsetOf(text, fn.line, fn.column);
  const lineEnd = text.indexOf('\n', start);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const range: Range = { line: fn.line, column: fn.column, endLine: fn.line, endColumn: fn.column + (end - start), start, end };
  return {
    rule: 'runtime-growth',
    severity: 'warning',
    message: `${growth}; it is captured by \`${fn.functionName}\` here, and no static finding explains it.`,
    range,
    related: [],
    target: a.variable,
    handler: fn.functionName,
    growth: 'runtime',
    fixes: [],
  };
}
