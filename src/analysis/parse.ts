// Parses JS/TS text into a TypeScript AST, turning every way that can fail into a one-line notice.
import * as ts from 'typescript';
import type { Notice } from './types';

/** Beyond this bracket depth TypeScript's recursive parser can overflow the stack; no real code goes near it. */
export const MAX_NESTING = 800;

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.js': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.jsx': ts.ScriptKind.JSX,
  '.ts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX,
};

export const JS_TS_EXTENSIONS = Object.keys(SCRIPT_KINDS);

export function scriptKindOf(file: string): ts.ScriptKind | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : SCRIPT_KINDS[file.slice(dot).toLowerCase()];
}

/** Deepest bracket nesting, skipping strings and comments (regex literals are rare enough to ignore). */
export function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) { if (++depth > max) max = depth; }
    else if (c === 41 || c === 93 || c === 125) { if (depth > 0) depth--; }
    else if (c === 34 || c === 39 || c === 96) { i = skipString(text, i, c); }
    else if (c === 47 && text.charCodeAt(i + 1) === 47) { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl; }
    else if (c === 47 && text.charCodeAt(i + 1) === 42) { const close = text.indexOf('*/', i + 2); i = close < 0 ? text.length : close + 1; }
  }
  return max;
}

function skipString(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote) return i;
    else if (c === 10 && quote !== 96) return i;
  }
  return text.length;
}

export type ParseResult = { sourceFile: ts.SourceFile; notice?: undefined } | { sourceFile?: undefined; notice: Notice };

export function parse(file: string, text: string): ParseResult {
  const depth = maxNesting(text);
  if (depth > MAX_NESTING) {
    return { notice: { kind: 'too-deep', message: `skipped: brackets nest ${depth} levels deep (limit ${MAX_NESTING})` } };
  }
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file) ?? ts.ScriptKind.TS);
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
