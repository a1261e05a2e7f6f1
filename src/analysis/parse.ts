// Parses JS/TS text into a TypeScript AST, turning every way that can fail into a one-line notice.
import ts from 'typescript';
import type { Notice } from './types';

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.js': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.jsx': ts.ScriptKind.JSX,
  '.ts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX,
};

export const JS_TS_EXTENSIONS = Object.keys(SCRIPT_KINDS);

export function scriptKindOf(file: string): ts.ScriptKind | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : SCRIPT_KINDS[file.slice(dot).toLowerCase()];
}

export type ParseResult = { sourceFile: ts.SourceFile; notice?: undefined } | { sourceFile?: undefined; notice: Notice };

/**
 * TypeScript's parser is recursive: absurd nesting (thousands of brackets) overflows the stack, which V8
 * reports as a RangeError that we turn into a notice. No real code nests that deep.
 */
export function parse(file: string, text: string): ParseResult {
  let sourceFile: ts.SourceFile;
  try {
    // Parents are set by the analysis's own first walk (see HandlerFinder), which saves a pass over the tree.
    sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKindOf(file) ?? ts.ScriptKind.TS);
  } catch (error) {
    if (error instanceof RangeError) return { notice: { kind: 'too-deep', message: 'skipped: nested too deeply to parse' } };
    throw error;
  }
  const first = parseErrorOf(sourceFile);
  return first ? { notice: first } : { sourceFile };
}

/** The first syntax error TypeScript recovered from, if any, as a notice with its 1-based position. */
export function parseErrorOf(sourceFile: ts.SourceFile): Notice | undefined {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return { kind: 'parse-error', message: `syntax error: ${text}`, line: line + 1, column: character + 1 };
}
