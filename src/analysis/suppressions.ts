// Comments that silence findings, so every front end agrees on the same code:
//   `// leaklens-disable-next-line <rule>[, <rule>] -- reason` and `/* leaklens-disable <rule> */` (whole file);
//   ESLint's own directives when they name a LeakLens rule as `leaklens/<rule>` (or name no rule at all):
//   `// eslint-disable-next-line`, `// eslint-disable-line`, `/* eslint-disable … */ … /* eslint-enable … */`.
// No rule named means every rule. ESLint directives follow ESLint's grammar: `eslint-disable`/`eslint-enable` only
// in block comments, the reason after ` -- `. Inside ESLint, ESLint applies its directives itself (and reports
// unused ones), so the plugin turns ours off (`LintConfig.honourEslintComments: false`).
import type { Finding, RuleId } from '../findings/model';

const NEXT_LINE = /\/\/\s*leaklens-disable-next-line\b([^\n]*)/g;
const FILE = /\/\*\s*leaklens-disable\b([\s\S]*?)\*\//g;
/** ESLint directives: a block or line comment whose text starts with the directive. */
const ESLINT_BLOCK = /\/\*\s*eslint-(disable|enable|disable-line|disable-next-line)(?=[\s*])([\s\S]*?)\*\//g;
const ESLINT_LINE = /\/\/[ \t]*eslint-(disable-line|disable-next-line)(?=\s|$)([^\r\n]*)/gm;
const ESLINT_PREFIX = 'leaklens/';

type RuleSet = Set<string> | 'all';

export interface SuppressionOptions {
  /** Honour `eslint-disable*` comments that name `leaklens/<rule>` (default true). */
  honourEslintComments?: boolean;
}

function rulesOf(spec: string): RuleSet {
  const ids = spec
    .split('--')[0]!
    .split(/[\s,]+/)
    .filter(Boolean);
  return ids.length ? new Set(ids) : 'all';
}

/** ESLint's rule list: comma separated, the justification after whitespace, `--`, whitespace. */
function eslintRulesOf(spec: string): RuleSet {
  const ids = spec
    .split(/\s-{2,}\s/)[0]!
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) return 'all';
  return new Set(ids.filter((id) => id.startsWith(ESLINT_PREFIX)).map((id) => id.slice(ESLINT_PREFIX.length)));
}

function matches(rules: RuleSet, rule: RuleId): boolean {
  return rules === 'all' || rules.has(rule);
}

/** An `eslint-disable` or `eslint-enable` block comment at an offset. */
interface Toggle {
  at: number;
  disable: boolean;
  rules: RuleSet;
}

/** ESLint's rule: a finding is off when the last toggle before it that concerns its rule is a disable. */
function toggledOff(toggles: readonly Toggle[], finding: Finding): boolean {
  let off = false;
  for (const t of toggles) {
    if (t.at > finding.range.start) break;
    if (matches(t.rules, finding.rule)) off = t.disable;
  }
  return off;
}

export function applySuppressions(text: string, findings: Finding[], options: SuppressionOptions = {}): Finding[] {
  const eslint = options.honourEslintComments !== false && text.includes('eslint-');
  if (findings.length === 0 || (!text.includes('leaklens-disable') && !eslint)) return findings;
  const lines = new LineIndex(text);
  const fileRules: RuleSet[] = [];
  for (const m of text.matchAll(FILE)) fileRules.push(rulesOf(m[1]!));
  const byLine = new Map<number, RuleSet[]>();
  const offOnLine = (line: number, rules: RuleSet) => byLine.set(line, [...(byLine.get(line) ?? []), rules]);
  for (const m of text.matchAll(NEXT_LINE)) offOnLine(lines.lineAt(m.index!) + 1, rulesOf(m[1]!));
  const toggles = eslint ? eslintDirectives(text, lines, offOnLine) : [];
  return findings.filter(
    (f) =>
      !fileRules.some((r) => matches(r, f.rule)) &&
      !(byLine.get(f.range.line) ?? []).some((r) => matches(r, f.rule)) &&
      !toggledOff(toggles, f),
  );
}

/** Reads ESLint's directives: line ones go to `offOnLine`; the block toggles are returned in file order. */
function eslintDirectives(text: string, lines: LineIndex, offOnLine: (line: number, rules: RuleSet) => void): Toggle[] {
  const directives = [...text.matchAll(ESLINT_BLOCK), ...text.matchAll(ESLINT_LINE)].sort((a, b) => a.index! - b.index!);
  const toggles: Toggle[] = [];
  for (const m of directives) {
    const [comment, kind, spec] = [m[0], m[1]!, m[2]!];
    const start = m.index!;
    const rules = eslintRulesOf(spec);
    if (rules !== 'all' && rules.size === 0) continue; // names only other plugins' rules
    if (kind === 'disable-line') offOnLine(lines.lineAt(start), rules);
    else if (kind === 'disable-next-line') offOnLine(lines.lineAt(start + comment.length - 1) + 1, rules);
    else toggles.push({ at: start, disable: kind === 'disable', rules });
  }
  return toggles;
}

/** 1-based line numbers of offsets, by binary search over the line starts. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineAt(offset: number): number {
    let [lo, hi] = [0, this.starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
