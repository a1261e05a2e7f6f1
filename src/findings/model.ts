// The finding model shared by every engine (JS/TS, Go, runtime evidence) and every front end (CLI, ESLint,
// editor, check reports). It imports nothing: the engines depend on it, never the other way round.
export type RuleId = 'unbounded-capture' | 'listener-per-request' | 'bounded-buffer' | 'unsynchronized-capture' | 'runtime-growth';

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
