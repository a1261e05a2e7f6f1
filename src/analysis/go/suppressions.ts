// `// leaklens-disable-next-line <rule>[, <rule>] -- reason` silences the next line;
// `/* leaklens-disable <rule> */` (or the `//` form) anywhere silences the file. No rule listed: every rule.
import type { RuleId } from '../types';

export interface Suppressions {
  /** Whether `rule` is silenced on the 1-based `line`. */
  has(rule: RuleId, line: number): boolean;
}

const DIRECTIVE = /(?:\/\/|\/\*)\s*leaklens-disable(-next-line)?(?![\w-])([^\n*]*)/g;

function rulesOf(spec: string): Set<string> | 'all' {
  const names = spec.split('--')[0]!.split(/[\s,]+/).filter(Boolean);
  return names.length === 0 ? 'all' : new Set(names);
}

export function findSuppressions(text: string): Suppressions {
  const file: (Set<string> | 'all')[] = [];
  const lines = new Map<number, (Set<string> | 'all')[]>();
  if (text.includes('leaklens-disable')) {
    for (const m of text.matchAll(DIRECTIVE)) {
      const rules = rulesOf(m[2] ?? '');
      if (!m[1]) { file.push(rules); continue; }
      const line = text.slice(0, m.index).split('\n').length + 1;
      lines.set(line, [...(lines.get(line) ?? []), rules]);
    }
  }
  const matches = (set: Set<string> | 'all', rule: RuleId) => set === 'all' || set.has(rule);
  return { has: (rule, line) => file.some((s) => matches(s, rule)) || (lines.get(line) ?? []).some((s) => matches(s, rule)) };
}
