// The shape of a LeakLens configuration (`leaklens.config.json`, or the `leaklens` key of package.json) and its
// validation: every mistake is one ConfigError that names the file and the key, so the user can fix it at once.
import type { RuleId, RuleSetting } from '../findings/model';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig } from '../analysis/lintConfig';
import { growingApiProblem, type GrowingApi } from '../analysis/growingApis';

/** Rules the JS/TS and Go engines report, so the ones a configuration (or `leaklens.rules`) may set. */
export const CONFIGURABLE_RULES: readonly RuleId[] = [
  'unbounded-capture',
  'listener-per-request',
  'bounded-buffer',
  'unsynchronized-capture',
];
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

export interface LeakLensConfig {
  /** Severity per rule; `off` turns it off. */
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Globs of files not linted, relative to the folder of the file that declares them. */
  ignores: string[];
  maxFileSize?: number;
  includeTests?: boolean;
  /** The user's additions to the growing-API table (entries checked by analysis/growingApis.ts). */
  growingApis?: GrowingApi[];
}

/** A configuration and where it came from. */
export interface FoundConfig {
  /** The file it was read from (leaklens.config.json or package.json), absolute. */
  file: string;
  /** Its folder: `ignores` are relative to it. */
  dir: string;
  config: LeakLensConfig;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    problem: string,
  ) {
    super(key === undefined ? `${file} ${problem}` : `${file}: "${key}" ${problem}`);
  }
}

const KEYS = ['$schema', 'rules', 'ignores', 'maxFileSize', 'includeTests', 'growingApis'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * Checks a parsed configuration. `keyPrefix` is how keys are named in messages (`leaklens.` inside package.json),
 * so the message points at the exact spot in the file.
 */
export function parseConfig(raw: unknown, file: string, keyPrefix = ''): LeakLensConfig {
  const fail = (key: string | undefined, problem: string): never => {
    throw new ConfigError(file, key === undefined ? (keyPrefix ? keyPrefix.slice(0, -1) : undefined) : keyPrefix + key, problem);
  };
  if (!isObject(raw)) fail(undefined, `must be an object such as { "rules": { "bounded-buffer": "off" } }, got ${shown(raw)}`);
  const config = raw as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!KEYS.includes(key)) fail(key, `is not a LeakLens setting (known: ${KEYS.slice(1).join(', ')})`);
  }
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  if (config.rules !== undefined) {
    if (!isObject(config.rules)) fail('rules', 'must be an object such as { "bounded-buffer": "off" }');
    for (const [rule, value] of Object.entries(config.rules as Record<string, unknown>)) {
      if (!(CONFIGURABLE_RULES as readonly string[]).includes(rule))
        fail(`rules.${rule}`, `is not a rule (rules: ${CONFIGURABLE_RULES.join(', ')})`);
      if (!(RULE_SETTINGS as readonly unknown[]).includes(value))
        fail(`rules.${rule}`, `must be one of ${RULE_SETTINGS.join(', ')}, got ${shown(value)}`);
      rules[rule as RuleId] = value as RuleSetting;
    }
  }
  const { ignores, maxFileSize, includeTests, growingApis } = config;
  if (ignores !== undefined && (!Array.isArray(ignores) || ignores.some((g) => typeof g !== 'string' || g.trim() === ''))) {
    fail('ignores', 'must be a list of glob strings such as ["dist/**"]');
  }
  if (maxFileSize !== undefined && !(typeof maxFileSize === 'number' && Number.isInteger(maxFileSize) && maxFileSize > 0)) {
    fail('maxFileSize', `must be a positive whole number of bytes (default ${DEFAULT_MAX_FILE_SIZE}), got ${shown(maxFileSize)}`);
  }
  if (includeTests !== undefined && typeof includeTests !== 'boolean')
    fail('includeTests', `must be true or false, got ${shown(includeTests)}`);
  if (growingApis !== undefined) {
    if (!Array.isArray(growingApis)) fail('growingApis', 'must be a list of objects, one per growing API');
    (growingApis as unknown[]).forEach((entry, i) => {
      const problem = growingApiProblem(entry);
      if (problem) fail(`growingApis[${i}]`, problem);
    });
  }
  return {
    rules,
    ignores: ((ignores as string[] | undefined) ?? []).map((g) => g.trim()),
    ...(maxFileSize === undefined ? {} : { maxFileSize: maxFileSize as number }),
    ...(includeTests === undefined ? {} : { includeTests: includeTests as boolean }),
    ...(growingApis === undefined ? {} : { growingApis: growingApis as GrowingApi[] }),
  };
}

/** What a front end's own settings (CLI flags, editor settings) put on top of the file; unset means "the file's". */
export interface ConfigOverrides {
  rules?: Partial<Record<RuleId, RuleSetting>>;
  maxFileSize?: number;
  includeTests?: boolean;
}

/** The engine's configuration: the file's values, each overridden by the front end's where it sets one. */
export function lintConfigOf(config: LeakLensConfig | undefined, overrides: ConfigOverrides = {}): LintConfig {
  const includeTests = overrides.includeTests ?? config?.includeTests;
  return {
    rules: { ...config?.rules, ...overrides.rules },
    maxFileSize: overrides.maxFileSize ?? config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    ...(includeTests === undefined ? {} : { includeTests }),
    ...(config?.growingApis ? { growingApis: config.growingApis } : {}),
  };
}
