// Public entry of the JS/TS closure-capture engine (pure: no `vscode`).
import type * as ts from 'typescript';
import { analyze, type PreparedFile, type RawFinding, type ReachedFunction } from './engine';
import { fixesFor } from './fixes';
import { messageOf } from './messages';
import { damagedSpans, parse, parseErrorOf } from './parse';
import { isTestFile } from './testCode';
import { applySuppressions } from './suppressions';
import type { FileResult, Finding, Range } from '../findings/model';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig } from './lintConfig';

export * from '../findings/model';
export * from '../findings/ruleDocs';
export * from './lintConfig';
export { JS_TS_EXTENSIONS, scriptKindOf } from './parse';
export { RULE_ADVICE } from './messages';

/** Lints one JS/TS file's text. Never throws: unparsable, oversized or absurdly nested input becomes a notice. */
export function lintText(file: string, text: string, config: LintConfig = {}): FileResult {
  const max = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) {
    return {
      file,
      findings: [],
      notice: { kind: 'too-large', message: `skipped: ${text.length} characters is over the ${max}-byte limit (maxFileSize)` },
    };
  }
  // Test code is not analysed (see testCode.ts), so it is not even parsed.
  if (!config.includeTests && isTestFile(file, config.root)) return { file, findings: [] };
  const parsed = parse(file, text);
  if (!parsed.sourceFile) return { file, findings: [], notice: parsed.notice };
  return lintSourceFile(parsed.sourceFile, config);
}

/** Lints an already parsed file (the ESLint plugin passes the AST its parser made; parents must be set). */
export function lintSourceFile(
  sourceFile: ts.SourceFile,
  config: LintConfig = {},
  reached: readonly ReachedFunction[] = [],
  prepared?: PreparedFile,
): FileResult {
  const file = sourceFile.fileName;
  let raw: RawFinding[];
  try {
    raw = analyze(sourceFile, config, reached, prepared);
  } catch (error) {
    if (error instanceof RangeError)
      return { file, findings: [], notice: { kind: 'too-deep', message: 'skipped: nested too deeply to analyse' } };
    throw error;
  }
  const notice = parseErrorOf(sourceFile);
  const damaged = notice ? damagedSpans(sourceFile) : [];
  const findings: Finding[] = [];
  for (const r of raw) {
    const setting = config.rules?.[r.rule];
    if (setting === 'off') continue;
    const at = r.growth.node.pos;
    if (damaged.some(([start, end]) => start <= at && at < end)) continue;
    findings.push(toFinding(r, sourceFile, setting ?? r.severity));
  }
  const kept = applySuppressions(sourceFile.text, findings, config);
  if (!notice) return { file, findings: kept };
  return {
    file,
    findings: kept,
    notice: { ...notice, message: `${notice.message} (the code around it is skipped; the rest of the file is analysed)` },
  };
}

function toFinding(r: RawFinding, sf: ts.SourceFile, severity: Finding['severity']): Finding {
  const related = [];
  if (r.target?.declaration)
    related.push({ message: `\`${r.target.name}\` is ${r.target.where}`, range: rangeOf(r.target.declaration, sf) });
  related.push({ message: r.handler.origin.message, range: rangeOf(r.handler.origin.node, sf) });
  if (r.handler.via) related.push(...r.handler.via);
  return {
    rule: r.rule,
    severity,
    message: messageOf(r),
    range: rangeOf(r.growth.node, sf),
    related,
    target: r.target?.name ?? (r.growth.kind === 'interval' ? 'setInterval' : r.growth.node.getText().split('(')[0]!.slice(0, 60)),
    handler: r.handler.owner,
    growth: r.growth.kind,
    ...(r.bound !== undefined ? { bound: r.bound } : {}),
    fixes: fixesFor(r, sf),
  };
}

export function rangeOf(node: ts.Node, sf: ts.SourceFile): Range {
  const start = node.getStart(sf);
  const end = node.getEnd();
  const s = sf.getLineAndCharacterOfPosition(start);
  const e = sf.getLineAndCharacterOfPosition(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, start, end };
}
