// `// leaklens-disable-next-line <rule>[, <rule>] -- reason` and `/* leaklens-disable <rule> */` (whole file).
// No rule named means every rule.
import type { Finding, RuleId } from './types';

const NEXT_LINE = /\/\/\s*leaklens-disable-next-line\b([^\n]*)/g;
const FILE = /\/\*\s*leaklens-disable\b([\s\S]*?)\*\//g;

function rulesOf(spec: string): Set<string> | 'all' {
  const ids = spec.split('--')[0]!.split(/[\s,]+/).filter(Boolean);
  return ids.length ? new Set(ids) : 'all';
}

function matches(rules: Set<string> | 'all', rule: RuleId): boolean {
  return rules === 'all' || rules.has(rule);
}

export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  if (!text.includes('leaklens-disable')) return findings;
  const fileRules: (Set<string> | 'all')[] = [];
  for (const m of text.matchAll(FILE)) fileRules.push(rulesOf(m[1]!));
  const byLine = new Map<number, (Set<string> | 'all')[]>();
  for (const m of text.matchAll(NEXT_LINE)) {
    const line = lineAt(text, m.index!) + 1;
    byLine.set(line, [...(byLine.get(line) ?? []), rulesOf(m[1]!)]);
  }
  return findings.filter((f) =>
    !fileRules.some((r) => matches(r, f.rule)) && !(byLine.get(f.range.line) ?? []).some((r) => matches(r, f.rule)));
}

/** 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
