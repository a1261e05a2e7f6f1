// What each rule is, in one sentence, for front ends that list rules (ESLint meta, SARIF `rules`, --help).
import type { RuleId, Severity } from '../findings/model';

export interface RuleInfo {
  description: string;
  /** The severity a finding has unless configured otherwise (the engine may raise it: `unbounded-capture` is an error when the request object is kept). */
  defaultSeverity: Severity;
}

// A Record over RuleId, so adding a rule id without describing it is a type error.
export const RULES: Record<RuleId, RuleInfo> = {
  'unbounded-capture': {
    description: 'A long-lived request handler adds to a collection captured from outside it and nothing bounds it.',
    defaultSeverity: 'warning',
  },
  'listener-per-request': {
    description: 'A request handler adds a listener or interval to a long-lived object and nothing removes it.',
    defaultSeverity: 'error',
  },
  'bounded-buffer': {
    description: 'A captured buffer is flushed and reset at a fixed size: bounded, but it holds up to that many entries.',
    defaultSeverity: 'info',
  },
  'unsynchronized-capture': {
    description: 'A Go handler mutates a captured slice or map without holding a lock: a data race as well as a leak.',
    defaultSeverity: 'error',
  },
  'runtime-growth': {
    description: 'Heap snapshots show a closure growing at run time that the static rules did not flag.',
    defaultSeverity: 'warning',
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}
