// What a lint run is told: rule severities, limits, test code, the user's growing APIs. Read by both engines
// (JS/TS and Go) and filled from the config file, the CLI flags or the editor's settings.
import type { RuleId, RuleSetting } from '../findings/model';
import type { UserGrowingApi } from './growingApis';

export type { GrowingApi } from './growingApis';

export interface LintConfig {
  /** Severity override per rule; `off` disables it. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Files larger than this (bytes) are skipped with a notice. Default 2 MB. */
  maxFileSize?: number;
  /** Also report growth in returned closures that are not request handlers (memoizers, debouncers). */
  reportAllReturnedClosures?: boolean;
  /**
   * Also report handlers in test code (files named `*.test.*`/`*.spec.*` or under `test/`, `tests/`,
   * `__tests__/`, and callbacks of `describe`/`it`/`test`/`before*`/`after*`): off by default, since a server
   * built inside one test does not live long. Config `includeTests`, CLI `--include-tests`, `leaklens.includeTests`.
   */
  includeTests?: boolean;
  /** The project's folder: test-folder names above it do not make a file test code (set by project analysis). */
  root?: string;
  /** More APIs whose calls grow long-lived state, added to the built-in table (see growingApis.ts). */
  growingApis?: UserGrowingApi[];
  /** Honour `eslint-disable*` comments naming `leaklens/<rule>` (default true; the ESLint plugin leaves them to ESLint). */
  honourEslintComments?: boolean;
}

/** One entry of the user's growing-API table, JS/TS or Go (see growingApis.ts). */
export type GrowingApiEntry = UserGrowingApi;

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
