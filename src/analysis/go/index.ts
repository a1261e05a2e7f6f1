// Public entry of the Go closure-capture engine (pure: no `vscode`). Init-once async loading of the
// grammar, then a synchronous lint per file.
import type { Node, Parser } from 'web-tree-sitter';
import { DEFAULT_MAX_FILE_SIZE, type FileResult, type LintConfig, type Notice } from '../types';
import { analyzeGo } from './analyze';
import { HANDLER_HINT } from './handlers';
import { goParserFailure, loadedGoParser, loadGoParser } from './parser';
import { applySuppressions } from '../suppressions';
import { LineMap } from './syntax';

export { loadGoParser };

/** The first syntax error of the tree (an ERROR node or a missing token), as a notice with its position. */
function parseError(root: Node, lines: LineMap): Notice | undefined {
  if (!root.hasError) return undefined;
  let n: Node = root;
  // Descend towards the first erroneous leaf-most node.
  for (;;) {
    const next = n.children.find((c) => c && (c.isError || c.isMissing || c.hasError));
    if (!next) break;
    n = next;
    if (n.isError || n.isMissing) break;
  }
  const r = lines.rangeOf(n);
  const what = n.isMissing ? `missing ${n.type}` : `unexpected ${JSON.stringify(n.text.slice(0, 20).split('\n')[0])}`;
  return { kind: 'parse-error', message: `Go syntax error at ${r.line}:${r.column} (${what}); fix it to lint this file.`, line: r.line, column: r.column };
}

/** Lints one Go file with an already loaded parser. Never throws. */
export function lintGoWith(parser: Parser, file: string, text: string, config: LintConfig = {}): FileResult {
  const max = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) return { file, findings: [], notice: { kind: 'too-large', message: `Skipped: ${text.length} bytes is over the ${max}-byte limit (maxFileSize).` } };
  if (text.includes('\0')) return { file, findings: [], notice: { kind: 'binary', message: 'Skipped: the file holds NUL bytes, so it is not Go source.' } };
  const tree = parser.parse(text);
  if (!tree) return { file, findings: [], notice: { kind: 'parse-error', message: 'The Go parser gave no tree for this file.' } };
  try {
    const lines = new LineMap(text);
    const notice = parseError(tree.rootNode, lines);
    if (notice) return { file, findings: [], notice };
    if (!config.reportAllReturnedClosures && !HANDLER_HINT.test(text)) return { file, findings: [] };
    return { file, findings: applySuppressions(text, analyzeGo(tree.rootNode, lines, config)) };
  } finally {
    tree.delete(); // the tree lives in WASM memory
  }
}

/** Lints one Go file synchronously once `loadGoParser()` has resolved (the CLI's per-extension engine table). */
export function lintGo(file: string, text: string, config: LintConfig = {}): FileResult {
  const parser = loadedGoParser();
  if (!parser) return { file, findings: [], notice: { kind: 'unreadable', message: goParserFailure() ?? 'internal: the Go grammar is not loaded yet (await loadGoParser() first)' } };
  return lintGoWith(parser, file, text, config);
}

/** Lints one Go file. Never rejects: a grammar that cannot be loaded becomes a notice. */
export async function lintGoText(file: string, text: string, config: LintConfig = {}): Promise<FileResult> {
  let parser: Parser;
  try {
    parser = await loadGoParser();
  } catch (error) {
    return { file, findings: [], notice: { kind: 'unreadable', message: (error as Error).message } };
  }
  return lintGoWith(parser, file, text, config);
}
