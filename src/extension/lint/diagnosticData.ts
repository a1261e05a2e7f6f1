// Finding -> the plain shape of a VS Code diagnostic (0-based positions), and back: the code-action and
// hover providers get diagnostics and positions from VS Code and must find the finding behind them.
import type { Finding, Range, RuleId, Severity } from '../../findings/model';

export const DIAGNOSTIC_SOURCE = 'leaklens';

/** 0-based, as VS Code counts; characters in UTF-16 code units, like the engine's columns. */
export interface ZeroBasedRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export type DiagnosticLevel = 'error' | 'warning' | 'information';

export interface DiagnosticData {
  range: ZeroBasedRange;
  severity: DiagnosticLevel;
  message: string;
  rule: RuleId;
  /** `file`: an absolute path, when the location is in another file (a handler in another module). */
  related: { message: string; range: ZeroBasedRange; file?: string }[];
}

const LEVELS: Record<Severity, DiagnosticLevel> = { error: 'error', warning: 'warning', info: 'information' };

export function toZeroBased(range: Range): ZeroBasedRange {
  return { startLine: range.line - 1, startCharacter: range.column - 1, endLine: range.endLine - 1, endCharacter: range.endColumn - 1 };
}

export function toDiagnosticData(finding: Finding): DiagnosticData {
  return {
    range: toZeroBased(finding.range),
    severity: LEVELS[finding.severity],
    message: finding.message,
    rule: finding.rule,
    related: finding.related.map((r) => ({ message: r.message, range: toZeroBased(r.range), ...(r.file ? { file: r.file } : {}) })),
  };
}

function sameRange(a: ZeroBasedRange, b: ZeroBasedRange): boolean {
  return (
    a.startLine === b.startLine && a.startCharacter === b.startCharacter && a.endLine === b.endLine && a.endCharacter === b.endCharacter
  );
}

/** The finding a diagnostic shown by VS Code stands for (diagnostics come back as copies, so match by value). */
export function findingForDiagnostic(
  findings: readonly Finding[],
  diagnostic: { rule: string; message: string; range: ZeroBasedRange },
): Finding | undefined {
  return findings.find(
    (f) => f.rule === diagnostic.rule && f.message === diagnostic.message && sameRange(toZeroBased(f.range), diagnostic.range),
  );
}

function before(line: number, character: number, otherLine: number, otherCharacter: number): boolean {
  return line < otherLine || (line === otherLine && character < otherCharacter);
}

/** Findings whose range holds the 0-based position (end inclusive, as hovering the last character counts). */
export function findingsAt(findings: readonly Finding[], line: number, character: number): Finding[] {
  return findings.filter((f) => {
    const r = toZeroBased(f.range);
    return !before(line, character, r.startLine, r.startCharacter) && !before(r.endLine, r.endCharacter, line, character);
  });
}
