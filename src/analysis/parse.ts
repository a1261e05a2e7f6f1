// Parses JS/TS text into a TypeScript AST, turning every way that can fail into a one-line notice.
import ts from 'typescript';
import type { Notice } from '../findings/model';
import { withoutFlowTypes } from './flow';

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.js': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
  '.ts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
};

export const JS_TS_EXTENSIONS = Object.keys(SCRIPT_KINDS);

export function scriptKindOf(file: string): ts.ScriptKind | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : SCRIPT_KINDS[file.slice(dot).toLowerCase()];
}

/** A tree whenever the parser finished (with a notice when it recovered from syntax errors), else a notice. */
export type ParseResult = { sourceFile: ts.SourceFile; notice?: Notice } | { sourceFile?: undefined; notice: Notice };

/**
 * TypeScript's parser is recursive: absurd nesting (thousands of brackets) overflows the stack, which V8
 * reports as a RangeError that we turn into a notice. No real code nests that deep. A Flow file is parsed with
 * its types blanked out (see flow.ts).
 */
export function parse(file: string, text: string): ParseResult {
  let sourceFile: ts.SourceFile;
  try {
    // Parents are set by the analysis's own first walk (see HandlerFinder), which saves a pass over the tree.
    sourceFile = ts.createSourceFile(
      file,
      withoutFlowTypes(file, text),
      ts.ScriptTarget.Latest,
      false,
      scriptKindOf(file) ?? ts.ScriptKind.TS,
    );
  } catch (error) {
    if (error instanceof RangeError) return { notice: { kind: 'too-deep', message: 'skipped: nested too deeply to parse' } };
    throw error;
  }
  return { sourceFile, notice: parseErrorOf(sourceFile) };
}

function parseDiagnosticsOf(sourceFile: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/**
 * Where syntax errors damaged the tree: for each error, the innermost function around it (or the top-level
 * statement, outside any function). The rest of the file parsed as written and is analysed; findings in a
 * damaged span are dropped, since the recovered tree there may not be what the author wrote (a
 * half-typed edit, syntax TypeScript does not know).
 */
export function damagedSpans(sourceFile: ts.SourceFile): [number, number][] {
  return parseDiagnosticsOf(sourceFile).map((d) => {
    let node: ts.Node = sourceFile;
    let fn: ts.Node | undefined;
    let top: ts.Node | undefined;
    for (;;) {
      const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= d.start && d.start < c.end ? c : undefined));
      if (!child) break;
      top ??= child;
      if (ts.isFunctionLike(child)) fn = child;
      node = child;
    }
    const n = fn ?? top ?? sourceFile;
    return [n.pos, n.end];
  });
}

/** The first syntax error TypeScript recovered from, if any, as a notice with its 1-based position. */
export function parseErrorOf(sourceFile: ts.SourceFile): Notice | undefined {
  const first = parseDiagnosticsOf(sourceFile)[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return { kind: 'parse-error', message: `syntax error: ${text}`, line: line + 1, column: character + 1 };
}
