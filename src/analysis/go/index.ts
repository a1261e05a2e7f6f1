// Public entry of the Go closure-capture engine (pure: no `vscode`). Init-once async loading of the
// grammar, then a synchronous lint per file.
import type { Node, Parser } from 'web-tree-sitter';
import type { FileResult, Notice } from '../../findings/model';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig } from '../lintConfig';
import type { GoUnit } from './analyze';
import { lintInPackage, lonely, outsideModuleBuild, unitOnDisk } from './package';
import { onlyForOldGo } from './buildConstraints';
import { isGoTestFile } from './testCode';
import { isAbsolute } from 'node:path';
import { goParserFailure, loadedGoParser, loadGoParser } from './parser';
import { applySuppressions } from '../suppressions';
import { LineMap } from './syntax';

export { loadGoParser };

/**
 * The first syntax error of the tree (an ERROR node or a missing token) as a notice naming its line and
 * the top-level declaration it damages: that declaration is left out, the rest of the file is analysed.
 */
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
  const damaged = root.namedChildren.filter((d) => d?.hasError).length;
  const skipped =
    damaged === 1
      ? 'the declaration around it was not analysed, the rest of the file was'
      : `${damaged} damaged declarations were not analysed, the rest of the file was`;
  return {
    kind: 'parse-error',
    message: `Go syntax error at ${r.line}:${r.column} (${what}); ${skipped}.`,
    line: r.line,
    column: r.column,
  };
}

/**
 * Lints one Go file with an already loaded parser, together with the other files of its package when
 * `path` (or an absolute `file`) says where it is on disk. Never throws.
 */
export function lintGoWith(parser: Parser, file: string, text: string, config: LintConfig = {}, path?: string): FileResult {
  const max = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max)
    return {
      file,
      findings: [],
      notice: { kind: 'too-large', message: `Skipped: ${text.length} bytes is over the ${max}-byte limit (maxFileSize).` },
    };
  if (text.includes('\0'))
    return { file, findings: [], notice: { kind: 'binary', message: 'Skipped: the file holds NUL bytes, so it is not Go source.' } };
  const where = path ?? (isAbsolute(file) ? file : undefined);
  const test = isGoTestFile(where ?? file);
  // Test files are not analysed unless asked: nothing in them is a long-lived server.
  if (test && !config.includeTests) return { file, findings: [] };
  // Nor are files only built by Go releases long gone (their modern twin is analysed), nor folders the module
  // does not build (`_examples/`, `vendor/`).
  if (onlyForOldGo(text) || (where && !config.includeTests && outsideModuleBuild(where, max))) return { file, findings: [] };
  const shared = where ? unitOnDisk(parser, where, text, max) : undefined;
  const tree = shared ? undefined : parser.parse(text);
  if (!shared && !tree)
    return { file, findings: [], notice: { kind: 'parse-error', message: 'The Go parser gave no tree for this file.' } };
  try {
    const self: GoUnit = shared ?? { file, text, root: tree!.rootNode, lines: new LineMap(text), test };
    const notice = parseError(self.root, self.lines);
    const findings = where ? lintInPackage(parser, where, self, config, max) : lonely(self, config);
    return { file, findings: applySuppressions(text, findings), ...(notice ? { notice } : {}) };
  } finally {
    tree?.delete(); // the tree lives in WASM memory; shared trees are kept with their directory
  }
}

/** Lints one Go file synchronously once `loadGoParser()` has resolved (the CLI's per-extension engine table). */
export function lintGo(file: string, text: string, config: LintConfig = {}, path?: string): FileResult {
  const parser = loadedGoParser();
  if (!parser)
    return {
      file,
      findings: [],
      notice: {
        kind: 'unreadable',
        message: goParserFailure() ?? 'internal: the Go grammar is not loaded yet (await loadGoParser() first)',
      },
    };
  return lintGoWith(parser, file, text, config, path);
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
