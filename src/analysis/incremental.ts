// Re-lints successive versions of open documents by updating each one's previous syntax tree
// (ts.updateSourceFile reuses every node outside the edited span) instead of parsing the whole text again:
// on a 5,000-line document the parse is most of a re-lint, and typing changes a few characters at a time.
import ts from 'typescript';
import { lintSourceFile, lintText } from './index';
import { lintSource } from './lintFile';
import { withoutFlowTypes } from './flow';
import { scriptKindOf } from './parse';
import { isTestFile } from './testCode';
import type { FileResult } from '../findings/model';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig } from './lintConfig';

/** Trees kept per linter; the least recently linted document is dropped first. */
const DEFAULT_CAPACITY = 16;

/** Compared a chunk at a time (one substring comparison is a memcmp) before narrowing to the character. */
const CHUNK = 256;

/** The span of `before` that `after` replaced, from their common prefix and suffix. */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= shorter && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // The common suffix may not overlap the common prefix in either text.
  const most = shorter - start;
  let tail = 0;
  while (
    tail + CHUNK <= most &&
    before.slice(before.length - tail - CHUNK, before.length - tail) === after.slice(after.length - tail - CHUNK, after.length - tail)
  )
    tail += CHUNK;
  while (tail < most && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - tail - start), after.length - tail - start);
}

export class IncrementalLinter {
  /** Insertion order is recency order: a lint moves its document to the end. */
  private readonly trees = new Map<string, ts.SourceFile>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * Lints `text`, the current version of the document `key`, named `file` (its extension picks the engine).
   * Same result as `lintSource(file, text, config)`; never throws. Only JS/TS trees are kept (a Go document
   * needs `loadGoParser()` to have resolved, as for lintSource).
   */
  lint(key: string, file: string, text: string, config: LintConfig = {}): FileResult {
    const previous = this.trees.get(key);
    this.trees.delete(key);
    if (scriptKindOf(file) === undefined) return lintSource(file, text, config);
    if (text.length > (config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) || (!config.includeTests && isTestFile(file, config.root)))
      return lintText(file, text, config);
    const sourceFile = this.reparse(previous, key, file, text);
    return sourceFile ? lintSourceFile(sourceFile, config) : lintText(file, text, config);
  }

  /**
   * The document's syntax tree for `text`, updated from its previous version, and kept for the next one; undefined
   * when the parser cannot build it (absurd nesting), or for a document that is not JS/TS.
   */
  parse(key: string, file: string, text: string): ts.SourceFile | undefined {
    const previous = this.trees.get(key);
    this.trees.delete(key);
    return scriptKindOf(file) === undefined ? undefined : this.reparse(previous, key, file, text);
  }

  private reparse(previous: ts.SourceFile | undefined, key: string, file: string, written: string): ts.SourceFile | undefined {
    // A Flow file's trees are of its text with the types blanked out, as parse() makes them.
    const text = withoutFlowTypes(file, written);
    let sourceFile: ts.SourceFile;
    try {
      sourceFile =
        previous && previous.fileName === file
          ? ts.updateSourceFile(previous, text, changeRange(previous.text, text))
          : ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKindOf(file));
    } catch (error) {
      // Absurd nesting overflows the recursive parser; lintText turns that into its notice.
      if (error instanceof RangeError) return undefined;
      throw error;
    }
    this.remember(key, sourceFile);
    return sourceFile;
  }

  /** Drops the tree of a closed document. */
  forget(key: string): void {
    this.trees.delete(key);
  }

  /** The documents whose trees are kept, least recently linted first. */
  documents(): string[] {
    return [...this.trees.keys()];
  }

  private remember(key: string, sourceFile: ts.SourceFile): void {
    this.trees.set(key, sourceFile);
    if (this.trees.size > this.capacity) this.trees.delete(this.trees.keys().next().value!);
  }
}
