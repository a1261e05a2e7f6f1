// Which files and documents the editor lints: by extension or language, minus node_modules and the
// user's `leaklens.exclude` globs (matched against the workspace-relative path, as files.exclude is).
import { extname } from 'node:path';
import { minimatch } from 'minimatch';
import { JS_TS_EXTENSIONS } from '../../analysis/index';
import { isLintable } from '../../analysis/lintFile';

/** For `workspace.findFiles`. */
export const SCAN_INCLUDE_GLOB = `**/*.{${JS_TS_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
export const ALWAYS_EXCLUDED_GLOB = '**/node_modules/**';

/** The extension the engine should parse a document as, when its name does not say (untitled, `.es6`…). */
const LANGUAGE_EXTENSIONS: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};


function hasLintedExtension(name: string): boolean {
  return JS_TS_EXTENSIONS.includes(extname(name).toLowerCase());
}

/**
 * The file name handed to the engine: the document's own when its extension is one the engine knows,
 * otherwise the name with the language's extension appended (the engine picks TS/JSX parsing by extension).
 */
export function engineFileName(name: string, languageId: string): string {
  if (hasLintedExtension(name)) return name;
  return name + (LANGUAGE_EXTENSIONS[languageId] ?? '.js');
}

/** Whether an open document is linted: a JS/TS language, and not a declaration file (no code runs there). */
export function isLintedDocument(name: string, languageId: string): boolean {
  return languageId in LANGUAGE_EXTENSIONS && isLintable(engineFileName(name, languageId));
}

export class ExcludeMatcher {
  private readonly patterns: string[];

  constructor(globs: readonly string[]) {
    this.patterns = [ALWAYS_EXCLUDED_GLOB, ...globs];
  }

  /** `relativePath` is relative to its workspace folder; `/` or `\` separated. */
  excludes(relativePath: string): boolean {
    const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    return this.patterns.some((p) => minimatch(path, p, { dot: true }));
  }
}

/** Whether a file found on disk is one Scan Workspace lints (JS/TS, not a declaration file, not excluded). */
export function isScannedFile(relativePath: string, matcher: ExcludeMatcher): boolean {
  return hasLintedExtension(relativePath) && isLintable(relativePath) && !matcher.excludes(relativePath);
}
