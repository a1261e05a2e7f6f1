// An ESLint rule over one engine rule: the engine's findings become reports, its cap/weak fixes suggestions.
import type { Rule } from 'eslint';
import { RULES } from '../analysis/ruleInfo';
import type { Finding, FixKind, RuleId } from '../findings/model';
import { ruleDocUrl } from '../findings/ruleDocs';
import { analyse } from './analyse';

/** ESLint severities are per rule, so what the engine says with a severity or growth kind gets its own messageId. */
function messageIdOf(finding: Finding): string {
  switch (finding.rule) {
    case 'unbounded-capture':
      return finding.severity === 'error' ? 'retainsRequest' : 'unboundedCapture';
    case 'listener-per-request':
      return finding.growth === 'interval' ? 'intervalPerRequest' : 'listenerPerRequest';
    default:
      return 'boundedBuffer';
  }
}

const MESSAGES: Record<string, string> = {
  unboundedCapture: '{{message}}',
  retainsRequest: '{{message}}',
  listenerPerRequest: '{{message}}',
  intervalPerRequest: '{{message}}',
  boundedBuffer: '{{message}}',
  cap: '{{title}}',
  weak: '{{title}}',
};

/** Editor-style suppressions are left out: ESLint has its own disable comments. */
const SUGGESTED: ReadonlySet<FixKind> = new Set(['cap', 'weak']);

export function leaklensRule(id: RuleId): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: RULES[id].description, recommended: id !== 'bounded-buffer', url: ruleDocUrl(id) },
      hasSuggestions: true,
      schema: [],
      messages: MESSAGES,
    },
    create(context) {
      return {
        'Program:exit'() {
          for (const finding of analyse(context).findings) {
            if (finding.rule !== id) continue;
            const { range } = finding;
            context.report({
              // ESLint columns are 0-based, ours 1-based.
              loc: { start: { line: range.line, column: range.column - 1 }, end: { line: range.endLine, column: range.endColumn - 1 } },
              messageId: messageIdOf(finding),
              data: { message: finding.message },
              suggest: finding.fixes
                .filter((fix) => SUGGESTED.has(fix.kind))
                .map((fix) => ({
                  messageId: fix.kind,
                  data: { title: fix.title },
                  fix: (fixer) => fix.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)),
                })),
            });
          }
        },
      };
    },
  };
}
