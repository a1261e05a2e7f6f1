// The `leaklens.*` settings of one resource, read and validated without `vscode` so every bad value has a tested
// message, then laid over the folder's LeakLens configuration file: the file is the base every front end shares,
// and a setting the user made in the editor (user, workspace or folder level) overrides it, rule by rule.
import type { RuleId, RuleSetting } from '../../findings/model';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig } from '../../analysis/lintConfig';
import { CONFIGURABLE_RULES, RULE_SETTINGS, lintConfigOf } from '../../config/configFile';
import type { FoundConfig } from '../../config/configFile';

/** Rules the JS/TS and Go engines report; `leaklens.rules` accepts exactly these keys. */
export const EDITOR_RULES: readonly RuleId[] = CONFIGURABLE_RULES;

export interface LintSettings {
  enable: boolean;
  config: LintConfig;
  /** Workspace-relative globs, on top of `node_modules`, which is always skipped. */
  exclude: string[];
  maxFileSize: number;
  /** The configuration file these settings were laid over, if any (its `ignores` apply too). */
  configFile?: FoundConfig;
}

export interface SettingsReading {
  settings: LintSettings;
  /** One line per ignored value, saying which setting and what it accepts. */
  problems: string[];
}

/**
 * `get(key)` returns the value of `leaklens.<key>` the user set (undefined when unset: the configuration file's
 * value, else the default, applies). `file` is the configuration that applies to the resource.
 */
export function readLintSettings(get: (key: string) => unknown, file?: FoundConfig): SettingsReading {
  const problems: string[] = [];
  const enable = get('enable');
  if (enable !== undefined && typeof enable !== 'boolean') problems.push(`leaklens.enable must be true or false; using true.`);

  let rules: Partial<Record<RuleId, RuleSetting>> | undefined;
  const rawRules = get('rules');
  if (rawRules !== undefined && (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules))) {
    problems.push(`leaklens.rules must be an object such as { "bounded-buffer": "off" }; ignored.`);
  } else if (rawRules) {
    rules = {};
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
  let maxFileSize: number | undefined;
  if (rawSize !== undefined) {
    if (typeof rawSize === 'number' && Number.isInteger(rawSize) && rawSize > 0) maxFileSize = rawSize;
    else
      problems.push(
        `leaklens.maxFileSize must be a positive whole number of bytes; using ${file?.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE}.`,
      );
  }

  const rawIncludeTests = get('includeTests');
  let includeTests: boolean | undefined;
  if (rawIncludeTests !== undefined) {
    if (typeof rawIncludeTests === 'boolean') includeTests = rawIncludeTests;
    else problems.push('leaklens.includeTests must be true or false; ignored.');
  }

  const config = lintConfigOf(file?.config, { ...(rules ? { rules } : {}), maxFileSize, includeTests });
  return {
    settings: { enable: enable !== false, config, exclude, maxFileSize: config.maxFileSize!, ...(file ? { configFile: file } : {}) },
    problems,
  };
}
