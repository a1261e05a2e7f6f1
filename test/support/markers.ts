// One marker grammar for the rule tables of every engine (JS/TS and Go), checked the way typescript-eslint's
// RuleTester checks `errors`: each finding must match an expectation on its line, each expectation a
// finding, and every part an expectation spells out (rule, severity, column, message id) must be equal.
//
// A line that must be reported ends with a marker comment:
//
//   marker      := "//" ("expect" | "want") ":" expectation (whitespace expectation)*
//   expectation := rule [":" severity | " " severity] ["@" column] ["#" messageId]
//
//   logs.push(req.url); // expect: unbounded-capture warning          (the JS tables' form)
//   logs = append(logs, e) // want: unbounded-capture:warning unsynchronized-capture
//   logs.push(req.url); // expect: unbounded-capture warning @5 #push (with column and message id)
//   logs = append(logs, e) // want: unbounded-capture:error@10#append
//
// A severity word after a rule belongs to that rule (`rule severity` is `rule:severity`), and so do
// `@column` and `#messageId` written as separate words. A severity left out is the rule's default
// severity when the caller gives one (`defaultSeverity`), else it is not checked; a column or message id
// left out is not checked. Columns are 1-based, as editors and ESLint show them. The message id is the
// finding's growth kind (`push`, `Map#set`, `listener`, `interval`, `append`, …): it picks the message's
// wording, as a messageId picks an ESLint message. Every other line must be clean.
import assert from 'node:assert/strict';

export type MarkerSeverity = 'error' | 'warning' | 'info';

export interface Expectation {
  /** 1-based line of the marker. */
  line: number;
  rule: string;
  severity?: MarkerSeverity;
  /** 1-based column of the finding's start. */
  column?: number;
  messageId?: string;
}

/** What the checker reads of a finding (the engines' `Finding` has all of it). */
export interface ReportedFinding {
  rule: string;
  severity: string;
  range: { line: number; column: number };
  /** The growth kind: the finding's message id. */
  growth?: string;
}

const MARKER = /\/\/\s*(?:expect|want):(.*)$/;
const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info']);
const EXPECTATION = /^([a-z][a-z0-9-]*)(?::(error|warning|info))?(?:@(\d+))?(?:#(\S+))?$/;

/** The expectations of every marker in `code`, in line order. A marker that does not parse throws. */
export function parseMarkers(code: string): Expectation[] {
  const expectations: Expectation[] = [];
  code.split('\n').forEach((text, index) => {
    const marker = MARKER.exec(text);
    if (!marker) return;
    const line = index + 1;
    const words = marker[1]!.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) throw new Error(`line ${line}: a marker with no expectation: ${text.trim()}`);
    let last: Expectation | undefined;
    for (const word of words) {
      // Parts written as their own word attach to the expectation before them.
      if (last && SEVERITIES.has(word) && last.severity === undefined) {
        last.severity = word as MarkerSeverity;
        continue;
      }
      if (last && /^@\d+$/.test(word) && last.column === undefined) {
        last.column = Number(word.slice(1));
        continue;
      }
      if (last && /^#\S+$/.test(word) && last.messageId === undefined) {
        last.messageId = word.slice(1);
        continue;
      }
      const parts = EXPECTATION.exec(word);
      if (!parts) throw new Error(`line ${line}: '${word}' is not an expectation (rule[:severity][@column][#messageId]): ${text.trim()}`);
      last = { line, rule: parts[1]! };
      if (parts[2]) last.severity = parts[2] as MarkerSeverity;
      if (parts[3]) last.column = Number(parts[3]);
      if (parts[4]) last.messageId = parts[4];
      expectations.push(last);
    }
  });
  return expectations;
}

export interface CheckOptions {
  /** The severity an expectation without one must have (e.g. the rule's default); undefined: not checked. */
  defaultSeverity?: (rule: string) => MarkerSeverity | undefined;
}

const describeExpectation = (e: Expectation): string =>
  `${e.line}:${e.column ?? '*'} ${e.rule}${e.severity ? ` ${e.severity}` : ''}${e.messageId ? ` #${e.messageId}` : ''}`;

/** The finding as the expectation it was matched with reads it: only the parts that expectation checks. */
function describeAs(f: ReportedFinding, e: Expectation | undefined): string {
  const column = !e || e.column !== undefined ? f.range.column : '*';
  const severity = !e || e.severity ? ` ${f.severity}` : '';
  const messageId = !e || e.messageId ? ` #${f.growth ?? '(none)'}` : '';
  return `${f.range.line}:${column} ${f.rule}${severity}${messageId}`;
}

/**
 * Asserts that `findings` are exactly what the markers of `code` expect. On a mismatch the assertion's
 * diff lists `line:column rule severity #messageId` for both sides (`*` where a marker leaves a part out).
 */
export function assertFindingsMatchMarkers(
  code: string,
  findings: readonly ReportedFinding[],
  options: CheckOptions = {},
  context = '',
): void {
  const expectations = parseMarkers(code).map((e) => ({ ...e, severity: e.severity ?? options.defaultSeverity?.(e.rule) }));
  const unmatched = new Set(expectations);
  // Pair each finding with an expectation on its line for its rule, preferring one whose column fits.
  const pairs = [...findings]
    .sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column || a.rule.localeCompare(b.rule))
    .map((f) => {
      const candidates = [...unmatched].filter((e) => e.line === f.range.line && e.rule === f.rule);
      const match = candidates.find((e) => e.column === f.range.column) ?? candidates.find((e) => e.column === undefined) ?? candidates[0];
      if (match) unmatched.delete(match);
      return { finding: f, expectation: match };
    });
  const actual = pairs.map(({ finding, expectation }) => describeAs(finding, expectation));
  const expected = pairs.flatMap(({ expectation }) => (expectation ? [describeExpectation(expectation)] : []));
  expected.push(...[...unmatched].map(describeExpectation));
  const order = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);
  assert.deepEqual(actual.sort(order), expected.sort(order), context);
}
