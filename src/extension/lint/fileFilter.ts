// Which files and documents the editor lints: by extension or language, minus node_modules, the user's
// `leaklens.exclude` globs (matched against the workspace-relative path, as files.exclude is) and the `ignores` of
// the LeakLens configuration file (relative to that file's folder, as the CLI reads them).
import { extname } from 'node:path';
import { minimatch } from 'minimatch';
import { JS_TS_EXTENSIONS } from '../../analysis/index';
import { isLintable, LINTABLE_EXTENSIONS } from '../../analysis/lintFile';
import type { FoundConfig } from '../../config/configFile';
import { ignoredByConfig } from '../../config/findConfig';

/** For `workspace.findFiles`: every extension an engine lints (JS/TS and Go). */
export const SCAN_INCLUDE_GLOB = `**/*.{${LINTABLE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
export const ALWAYS_EXCLUDED_GLOB = '**/node_modules/**';

interface LanguageFiles {
  /** Extensions this language's engine parses, so a name ending in one of them is kept as it is. */
  own: readonly string[];
  /** Appended to a name that does not say (untitled, `.es6`…), to pick the language's engine. */
  fallback: string;
}

const JS_TS = (fallback: string): LanguageFiles => ({ own: JS_TS_EXTENSIONS, fallback });

/** The VS Code language ids LeakLens lints (also the SELECTOR of its providers and its activation events). */
const LANGUAGES: Record<string, LanguageFiles> = {
  javascript: JS_TS('.js'),
  javascriptreact: JS_TS('.jsx'),
  typescript: JS_TS('.ts'),
  typescriptreact: JS_TS('.tsx'),
  go: { own: ['.go'], fallback: '.go' },
};

export const LINTED_LANGUAGES: readonly string[] = Object.keys(LANGUAGES);

/**
 * The file name handed to the engine: the document's own when its extension belongs to the document's
 * language, otherwise the name with the language's extension appended (the engine is picked by extension,
 * so `notes.txt` set to Go is parsed as Go and `main.go` set to JavaScript as JavaScript).
 */
export function engineFileName(name: string, languageId: string): string {
  const language = LANGUAGES[languageId] ?? JS_TS('.js');
  return language.own.includes(extname(name).toLowerCase()) ? name : name + language.fallback;
}

/** Whether an open document is linted: a linted language, and not a declaration file (no code runs there). */
export function isLintedDocument(name: string, languageId: string): boolean {
  return Object.hasOwn(LANGUAGES, languageId) && isLintable(engineFileName(name, languageId));
}

export class ExcludeMatcher {
  private readonly patterns: string[];

  constructor(
    globs: readonly string[],
    private readonly configFile?: FoundConfig,
  ) {
    this.patterns = [ALWAYS_EXCLUDED_GLOB, ...globs];
  }

  /** `relativePath` is relative to its workspace folder; `/` or `\` separated. `fsPath`: the file on disk, if any. */
  excludes(relativePath: string, fsPath?: string): boolean {
    const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    return (
      this.patterns.some((p) => minimatch(path, p, { dot: true })) || (fsPath !== undefined && ignoredByConfig(this.configFile, fsPath))
    );
  }
}

/** Whether a file found on disk is one Scan Workspace lints (JS/TS or Go, not a declaration file, not excluded). */
export function isScannedFile(relativePath: string, matcher: ExcludeMatcher, fsPath?: string): boolean {
  return isLintable(relativePath) && !matcher.excludes(relativePath, fsPath);
}
