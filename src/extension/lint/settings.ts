// The `leaklens.*` settings, read and validated without `vscode` so every bad value has a tested message.
import { DEFAULT_MAX_FILE_SIZE, type LintConfig, type RuleId, type RuleSetting } from '../../analysis/types';

/** Rules the JS/TS and Go engines report; `leaklens.rules` accepts exactly these keys. */
export const EDITOR_RULES: readonly RuleId[] = ['unbounded-capture', 'listener-per-request', 'bounded-buffer', 'unsynchronized-capture'];
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

export interface LintSettings {
  enable: boolean;
  config: LintConfig;
  /** Workspace-relative globs, on top of `node_modules`, which is always skipped. */
  exclude: string[];
  maxFileSize: number;
}

export interface SettingsReading {
  settings: LintSettings;
  /** One line per ignored value, saying which setting and what it accepts. */
  problems: string[];
}

/** `get(key)` returns the raw value of `leaklens.<key>` (undefined when unset). */
export function readLintSettings(get: (key: string) => unknown): SettingsReading {
  const problems: string[] = [];
  const enable = get('enable');
  if (enable !== undefined && typeof enable !== 'boolean') problems.push(`leaklens.enable must be true or false; using true.`);

  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  const rawRules = get('rules');
  if (rawRules !== undefined && (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules))) {
    problems.push(`leaklens.rules must be an object such as { "bounded-buffer": "off" }; ignored.`);
  } else if (rawRules) {
    for (const [rule, value] of Object.entries(rawRules)) {
      if (!(EDITOR_RULES as readonly string[]).includes(rule)) {
        problems.push(`leaklens.rules: unknown rule '${rule}' (known: ${EDITOR_RULES.join(', ')}); ignored.`);
      } else if (!(RULE_SETTINGS as readonly unknown[]).includes(value)) {
        problems.push(`leaklens.rules.${rule} must be one of ${RULE_SETTINGS.join(', ')}; ignored.`);
      } else {
        rules[rule as RuleId] = value as RuleSetting;
      }
    }
  }

  const rawExclude = get('exclude');
  let exclude: string[] = [];
  if (rawExclude !== undefined && (!Array.isArray(rawExclude) || rawExclude.some((g) => typeof g !== 'string'))) {
    problems.push(`leaklens.exclude must be a list of glob strings such as ["**/dist/**"]; ignored.`);
  } else if (rawExclude) {
    exclude = (rawExclude as string[]).map((g) => g.trim()).filter((g) => g !== '');
  }

  const rawSize = get('maxFileSize');
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (rawSize !== undefined) {
    if (typeof rawSize === 'number' && Number.isInteger(rawSize) && rawSize > 0) maxFileSize = rawSize;
    else problems.push(`leaklens.maxFileSize must be a positive whole number of bytes; using ${DEFAULT_MAX_FILE_SIZE}.`);
  }

  return {
    settings: { enable: enable !== false, config: { rules, maxFileSize }, exclude, maxFileSize },
    problems,
  };
}
