import type { RuleId } from './model';

/** Where each rule is documented (README anchors); diagnostics' `codeDescription` and SARIF help links. */
export const RULE_DOCS_BASE = 'https://github.com/leaklens/leaklens/blob/main/README.md#rule-';
export function ruleDocUrl(rule: RuleId): string {
  return RULE_DOCS_BASE + rule;
}
