// Public entry of the JS/TS closure-capture engine (pure: no `vscode`).
import type { FileResult, LintConfig } from './types';

export * from './types';

/** Lints one JS/TS file's text. Never throws: unparsable or oversized input becomes a notice. */
export function lintText(file: string, _text: string, _config: LintConfig = {}): FileResult {
  return { file, findings: [] };
}
