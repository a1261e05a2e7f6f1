// Engine fixes -> quick-fix descriptors: each fix kind is its own CodeActionKind under `quickfix.leaklens`,
// so `editor.codeActionsOnSave`/keybindings can target one kind, and the real fix outranks suppression.
import type { Finding, Fix, FixKind, TextEdit } from '../../findings/model';

export const FIX_KINDS: readonly FixKind[] = ['suppress', 'cap', 'weak', 'mutex'];

/** Path appended to `CodeActionKind.QuickFix`, e.g. `['leaklens', 'cap']` -> `quickfix.leaklens.cap`. */
export function fixKindPath(kind: FixKind): [string, string] {
  return ['leaklens', kind];
}

export interface QuickFixData {
  title: string;
  kind: FixKind;
  isPreferred: boolean;
  edits: TextEdit[];
}

/** Only the first real fix is preferred: with two preferred actions, "auto fix" would apply neither. */
export function quickFixes(finding: Finding): QuickFixData[] {
  const preferred = finding.fixes.findIndex((f) => f.kind !== 'suppress');
  return finding.fixes.map((fix: Fix, i) => ({ title: fix.title, kind: fix.kind, isPreferred: i === preferred, edits: fix.edits }));
}
