// Quick fixes for Go findings: suppress with a reason, cap with a named limit, hold the factory's mutex.
import type { Node } from 'web-tree-sitter';
import type { Fix, RuleId, TextEdit } from '../../findings/model';
import { isMutexType } from './locks';
import type { Mutation } from './mutations';
import type { Target } from './targets';
import { compact, enclosingStatement, type LineMap, listItems } from './syntax';

export interface FixContext {
  text: string;
  lines: LineMap;
  root: Node;
}

/** The default of the named limit a cap fix introduces; the user is expected to tune it. */
const DEFAULT_CAP = 1000;

function lastSegment(name: string): string {
  return name.split('.').pop()!;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function suppressFix(ctx: FixContext, rule: RuleId, at: Node): Fix {
  const start = ctx.lines.lineStart(at.startIndex);
  const indent = ctx.lines.indentAt(at.startIndex);
  return {
    kind: 'suppress',
    title: `Suppress ${rule} on this line (with a reason)`,
    edits: [{ start, end: start, text: `${indent}// leaklens-disable-next-line ${rule} -- explain why this is bounded or safe\n` }],
  };
}

/** Start of the top-level declaration holding `node`, before its doc comment. */
function topLevelStart(ctx: FixContext, node: Node): number {
  let top = node;
  while (top.parent && top.parent.type !== 'source_file') top = top.parent;
  let start = top.startIndex;
  for (
    let prev = top.previousNamedSibling;
    prev?.type === 'comment' && ctx.lines.lineOf(prev.endIndex) >= ctx.lines.lineOf(start) - 1;
    prev = prev.previousNamedSibling
  ) {
    start = prev.startIndex;
  }
  return start;
}

export function capFix(ctx: FixContext, m: Mutation, target: Target): Fix | undefined {
  const stmt = enclosingStatement(m.node, ctx.root);
  if (!stmt || target.kind === 'syncmap') return undefined;
  const limit = `max${capitalise(lastSegment(target.name))}`;
  const t = target.name;
  const i = ctx.lines.indentAt(stmt.startIndex);
  const isMap = target.kind === 'map' || (target.kind === 'unknown' && m.op !== 'append');
  const body =
    target.kind === 'builder'
      ? [`if ${t}.Len() >= ${limit} {`, `\t${t}.Reset()`, '}']
      : isMap
        ? [`if len(${t}) >= ${limit} {`, `\tfor evict := range ${t} {`, `\t\tdelete(${t}, evict)`, '\t\tbreak', '\t}', '}']
        : [`if len(${t}) >= ${limit} {`, `\t${t} = ${t}[1:]`, '}'];
  const edits: TextEdit[] = [];
  if (!new RegExp(`\\b${limit}\\b`).test(ctx.text)) {
    const at = topLevelStart(ctx, stmt);
    edits.push({ start: at, end: at, text: `const ${limit} = ${DEFAULT_CAP}\n\n` });
  }
  edits.push({ start: stmt.startIndex, end: stmt.startIndex, text: body.map((l, n) => (n === 0 ? l : i + l)).join('\n') + `\n${i}` });
  const what = target.kind === 'builder' ? 'reset it' : isMap ? 'evict an entry' : 'drop the oldest';
  return { kind: 'cap', title: `Cap \`${t}\` at ${limit} (${what})`, edits };
}

/** A mutex declared among the statements of a scope (`var mu sync.Mutex`, `mu := &sync.Mutex{}`). */
function mutexAmong(statements: (Node | null)[]): string | undefined {
  for (const s of statements) {
    if (s?.type === 'var_declaration') {
      for (const spec of s.descendantsOfType('var_spec')) {
        const type = compact(spec?.childForFieldName('type')) || compact(listItems(spec?.childForFieldName('value') ?? null)[0]);
        if (spec && isMutexType(type)) return spec.childForFieldName('name')?.text;
      }
    } else if (s?.type === 'short_var_declaration' && isMutexType(compact(listItems(s.childForFieldName('right'))[0]))) {
      return listItems(s.childForFieldName('left'))[0]?.text;
    }
  }
  return undefined;
}

function syncImport(ctx: FixContext): TextEdit | undefined {
  if (ctx.root.descendantsOfType('import_spec').some((s) => s?.childForFieldName('path')?.text === '"sync"')) return undefined;
  const list = ctx.root.descendantsOfType('import_spec_list')[0];
  if (list) {
    // Where gofmt keeps it: in order within the first group (the standard library's, by convention).
    const specs = list.namedChildren.filter((n) => n?.type === 'import_spec');
    let at = ctx.lines.nextLineStart(list.startIndex);
    for (const [i, spec] of specs.entries()) {
      const previous = specs[i - 1];
      if (previous && ctx.lines.lineOf(spec!.startIndex) > ctx.lines.lineOf(previous.endIndex) + 1) break; // a blank line ends the group
      if ((spec!.childForFieldName('path')?.text ?? '') > '"sync"')
        return { start: ctx.lines.lineStart(spec!.startIndex), end: ctx.lines.lineStart(spec!.startIndex), text: '\t"sync"\n' };
      at = ctx.lines.nextLineStart(spec!.endIndex);
    }
    return { start: at, end: at, text: '\t"sync"\n' };
  }
  const pkg = ctx.root.namedChildren.find((n) => n?.type === 'package_clause');
  const at = pkg ? pkg.endIndex : 0;
  return { start: at, end: at, text: '\n\nimport "sync"' };
}

/** Which mutex guards the target, and the edit that declares it when there is none yet. */
function guard(ctx: FixContext, target: Target): { mutex: string; declare?: TextEdit } | undefined {
  const d = target.decl;
  if (!d) return undefined;
  if (target.field) {
    const recv = target.name.slice(0, target.name.indexOf('.'));
    const fields = target.field.struct
      .descendantsOfType('field_declaration')
      .filter((f): f is Node => !!f && f.parent?.parent?.id === target.field!.struct.id);
    const existing = fields.find((f) => isMutexType(compact(f.childForFieldName('type'))));
    if (existing) return { mutex: `${recv}.${existing.childForFieldName('name')?.text}` };
    const list = target.field.struct.namedChild(0);
    if (!list || !fields[0]) return undefined;
    const at = ctx.lines.lineStart(fields[0].startIndex);
    return { mutex: `${recv}.mu`, declare: { start: at, end: at, text: `${ctx.lines.indentAt(fields[0].startIndex)}mu sync.Mutex\n` } };
  }
  if (d.kind !== 'var' || target.name.includes('.')) return undefined;
  const existing = mutexAmong(d.scope.namedChildren);
  if (existing) return { mutex: existing };
  const mutex = `${target.name}Mu`;
  const at = ctx.lines.nextLineStart(d.statement.endIndex);
  return { mutex, declare: { start: at, end: at, text: `${ctx.lines.indentAt(d.statement.startIndex)}var ${mutex} sync.Mutex\n` } };
}

export function mutexFix(ctx: FixContext, m: Mutation, target: Target): Fix | undefined {
  const stmt = enclosingStatement(m.node, ctx.root);
  const g = guard(ctx, target);
  if (!stmt || !g) return undefined;
  const i = ctx.lines.indentAt(stmt.startIndex);
  const edits = [
    ...(g.declare ? [syncImport(ctx), g.declare] : []),
    { start: stmt.startIndex, end: stmt.startIndex, text: `${g.mutex}.Lock()\n${i}` },
    { start: stmt.endIndex, end: stmt.endIndex, text: `\n${i}${g.mutex}.Unlock()` },
  ]
    .filter((e): e is TextEdit => !!e)
    .sort((a, b) => a.start - b.start);
  return { kind: 'mutex', title: `Hold ${g.mutex} around this write${g.declare ? ` (declare ${g.mutex})` : ''}`, edits };
}
