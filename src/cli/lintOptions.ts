// The command line of `leaklens lint`, parsed and checked: every mistake is one UsageError line.
import { parseArgs } from 'node:util';
import { RULE_IDS, isRuleId } from '../analysis/ruleInfo';
import type { RuleId, RuleSetting } from '../findings/model';
import { DEFAULT_MAX_FILE_SIZE } from '../analysis/lintConfig';
import { UsageError } from './io';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];
const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

export interface LintOptions {
  paths: string[];
  ignore: string[];
  gitignore: boolean;
  format: Format;
  /** Warnings tolerated before the run fails; undefined: any warning fails it; -1: no limit (as in ESLint). */
  maxWarnings?: number;
  /** Set on the command line: these override the configuration file's. */
  rules: Partial<Record<RuleId, RuleSetting>>;
  maxFileSize?: number;
  includeTests?: boolean;
  help: boolean;
}

export const LINT_HELP = `Usage: leaklens lint [options] [paths…]

Finds closure-capture leaks: long-lived request handlers that grow captured collections.
Folders are searched recursively (default: the current folder), skipping node_modules,
.git and git-ignored paths. Each file's settings come from the nearest leaklens.config.json
(or "leaklens" key of a package.json) in its folder or above; options given here override them.

Options:
  --format text|json|sarif      output format (default: text; sarif is SARIF 2.1.0)
  --ignore <glob>               skip matching files and folders (repeatable; relative to the current folder)
  --no-gitignore                also lint files that .gitignore excludes
  --rule <id>=<severity>        off|info|warning|error for one rule (repeatable)
                                rules: ${RULE_IDS.join(', ')}
  --max-warnings <n>            tolerate up to n warnings; -1: any number (default: any warning fails the run)
  --max-file-size <bytes>       skip bigger files with a notice (default: ${DEFAULT_MAX_FILE_SIZE})
  --include-tests               also report findings in test code
  -h, --help                    show this help

Exit code: 0 clean (infos allowed); 1 an error, or a warning (with --max-warnings: more warnings than n);
2 usage, configuration or internal error, or nothing to lint.
Files that cannot be analysed (parse errors, too large, binary) are reported as notices and do not fail the run.`;

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} needs a whole number of at least 1, got '${value}'`);
  return Number(value);
}

function maxWarningsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(\d+|-1)$/.test(value.trim())) {
    throw new UsageError(`--max-warnings needs a whole number of warnings (0 or more), or -1 for no limit; got '${value}'`);
  }
  return Number(value);
}

/** `--max-warnings -1` as one token: parseArgs would read `-1` as an unknown short option. */
function joinNegativeValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max-warnings' && /^-\d/.test(argv[i + 1] ?? '')) joined.push(`--max-warnings=${argv[++i]}`);
    else joined.push(argv[i]!);
  }
  return joined;
}

export function parseRule(spec: string): [RuleId, RuleSetting] {
  const eq = spec.indexOf('=');
  const id = eq < 0 ? spec : spec.slice(0, eq);
  const setting = eq < 0 ? '' : spec.slice(eq + 1);
  if (!isRuleId(id)) throw new UsageError(`--rule: unknown rule '${id}' (rules: ${RULE_IDS.join(', ')})`);
  if (!(SETTINGS as readonly string[]).includes(setting)) {
    throw new UsageError(`--rule ${id}: severity must be one of ${SETTINGS.join('|')}, got '${setting}'`);
  }
  return [id, setting as RuleSetting];
}

export function parseLintArgs(argv: string[]): LintOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        ignore: { type: 'string', multiple: true },
        'no-gitignore': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        'max-file-size': { type: 'string' },
        'include-tests': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs's messages name the option and say what is wrong; keep one line, without its advice on `--`.
    const message = (error as Error).message.split(/\.?\s*To specify/)[0]!.replace(/\s*\n\s*/g, ' ');
    throw new UsageError(`${message} (see leaklens lint --help)`);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join('|')}, got '${format}'`);
  }
  return {
    paths: positionals,
    ignore: values.ignore ?? [],
    gitignore: !values['no-gitignore'],
    format: format as Format,
    maxWarnings: maxWarningsOf(values['max-warnings']),
    rules: Object.fromEntries((values.rule ?? []).map(parseRule)),
    maxFileSize: positiveInteger('--max-file-size', values['max-file-size']),
    ...(values['include-tests'] ? { includeTests: true } : {}),
    help: values.help ?? false,
  };
}
