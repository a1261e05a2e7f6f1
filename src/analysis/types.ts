// The finding model shared by every engine (JS/TS, Go) and every front end (CLI, ESLint, editor).
import type { UserGrowingApi } from './growingApis';

export type { GrowingApi } from './growingApis';

export type RuleId =
  | 'unbounded-capture'
  | 'listener-per-request'
  | 'bounded-buffer'
  | 'unsynchronized-capture'
  | 'runtime-growth';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

/** A span of source text. Lines and columns are 1-based (columns in UTF-16 code units); offsets 0-based. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
}

export interface RelatedLocation {
  message: string;
  range: Range;
  /** The file the range is in, when it is not the finding's own (a handler in another module that calls it). */
  file?: string;
}

/** A replacement of source text [start, end) by `text` (UTF-16 offsets into the analysed text). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type FixKind = 'suppress' | 'cap' | 'weak' | 'mutex';

export interface Fix {
  kind: FixKind;
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** The growing operation. */
  range: Range;
  /** The target's declaration, then the registration or factory that makes the handler long-lived. */
  related: RelatedLocation[];
  /** Name of the long-lived binding that grows (e.g. `logs`, `this.cache`). */
  target: string;
  /** Name of the handler or of the factory that returns it. */
  handler: string;
  /** Kind of growth, e.g. `push`, `Map#set`, `addListener`. */
  growth: string;
  /** For `bounded-buffer`: the size at which the buffer is flushed. */
  bound?: string;
  fixes: Fix[];
}

export type NoticeKind = 'parse-error' | 'too-large' | 'binary' | 'too-deep' | 'unreadable';

/** Why a file was not (fully) analysed: one line for a human, plus where, when known. */
export interface Notice {
  kind: NoticeKind;
  message: string;
  line?: number;
  column?: number;
}

export interface FileResult {
  file: string;
  findings: Finding[];
  notice?: Notice;
}

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

/** Where each rule is documented (README anchors); diagnostics' `codeDescription` and SARIF help links. */
export const RULE_DOCS_BASE = 'https://github.com/leaklens/leaklens/blob/main/README.md#rule-';
export function ruleDocUrl(rule: RuleId): string {
  return RULE_DOCS_BASE + rule;
}
