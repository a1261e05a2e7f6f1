// Lints one file from disk: cheap guards (size, binary, encoding) run before any text reaches an engine,
// then the file goes to the engine for its extension.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { lintGo, loadGoParser } from './go';
import { JS_TS_EXTENSIONS, lintText } from './index';
import type { FileResult, Notice } from '../findings/model';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig } from './lintConfig';

/** An engine analyses one file's text; it never throws. */
export type Engine = (file: string, text: string, config: LintConfig, path?: string) => FileResult;

/** Engines by file extension (lower case, with the dot). */
const engines: Record<string, Engine> = {
  ...Object.fromEntries(JS_TS_EXTENSIONS.map((ext) => [ext, lintText])),
  // Go needs its grammar loaded first: callers await prepareEngines() for their files.
  '.go': lintGo,
};

export const LINTABLE_EXTENSIONS: readonly string[] = Object.keys(engines);

/**
 * Loads what the engines for `files` need before they lint synchronously: the Go grammar when a Go file is
 * among them. Rejects when it cannot load; a Go file linted anyway gets a notice saying why.
 */
export async function prepareEngines(files: readonly string[]): Promise<void> {
  if (files.some((f) => extname(f).toLowerCase() === '.go')) await loadGoParser();
}

/** Lints text already in memory with the engine for its name's extension (JS/TS when the name does not say). */
export function lintSource(file: string, text: string, config: LintConfig = {}, path?: string): FileResult {
  return (engines[extname(file).toLowerCase()] ?? lintText)(file, text, config, path);
}

/** Declaration files carry no code that runs, so they are never linted. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

export function isLintable(path: string): boolean {
  return Object.hasOwn(engines, extname(path).toLowerCase()) && !DECLARATION_FILE.test(basename(path));
}

/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;

function skipped(file: string, notice: Notice): FileResult {
  return { file, findings: [], notice };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Lints the file at `path`; `file` is the name the result carries (e.g. relative to the working folder).
 * Never throws for bad input: unreadable, oversized and binary files become a notice.
 */
export function lintFile(path: string, config: LintConfig = {}, file = path): FileResult {
  const engine = engines[extname(path).toLowerCase()];
  if (!engine)
    return skipped(file, { kind: 'unreadable', message: `not a kind of file leaklens lints (${LINTABLE_EXTENSIONS.join(' ')})` });
  const read = readSource(path, config);
  return 'notice' in read ? skipped(file, read.notice) : engine(file, read.text, config, path);
}

/** The file's text, or why it is not linted: unreadable, oversized, binary or not UTF-8. */
export function readSource(path: string, config: LintConfig = {}): { text: string } | { notice: Notice } {
  const maxFileSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let bytes: Buffer;
  try {
    // Checked before reading so that a huge file is never loaded.
    const size = statSync(path).size;
    if (size > maxFileSize) {
      return { notice: { kind: 'too-large', message: `skipped: ${megabytes(size)} is over the ${megabytes(maxFileSize)} size limit` } };
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { notice: { kind: 'unreadable', message: `cannot read the file (${code ?? String(error)})` } };
  }
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul >= 0) return { notice: { kind: 'binary', message: `skipped: binary content (NUL byte at offset ${nul})` } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { notice: { kind: 'binary', message: 'skipped: not UTF-8 text' } };
  }
}
