// Quick fixes as plain text edits (pure, so they are applied and re-linted in unit tests):
// suppress with a reason, cap with a named limit, or key by a WeakMap/WeakSet when the key is the request.
import ts from 'typescript';
import type { RawFinding } from './engine';
import type { Fix, TextEdit } from '../findings/model';
import type { Target } from './targets';
import { unwrap } from './operations';

const DEFAULT_LIMIT = 1000;
const REASON_PLACEHOLDER = 'TODO: explain why this is safe';

/** Names already used for limits in a file, found once per file rather than once per finding. */
const takenLimitNames = new WeakMap<ts.SourceFile, Set<string>>();

function limitNamesIn(sf: ts.SourceFile): Set<string> {
  let names = takenLimitNames.get(sf);
  if (!names) takenLimitNames.set(sf, (names = new Set(sf.text.match(/\bMAX_\w+/g) ?? [])));
  return names;
}

export function fixesFor(f: RawFinding, sourceFile: ts.SourceFile): Fix[] {
  const fixes: Fix[] = [];
  const weak = f.rule === 'unbounded-capture' && f.target && f.requestKeyed ? weakFix(f.target, sourceFile) : undefined;
  if (weak) fixes.push(weak);
  const cap = f.rule === 'unbounded-capture' && f.target ? capFix(f, f.target, sourceFile) : undefined;
  if (cap) fixes.push(cap);
  fixes.push(suppressFix(f, sourceFile));
  return fixes;
}

/** Offset of the start of the line holding `offset` (from the file's line table: minified files have one huge line). */
function lineStart(sf: ts.SourceFile, offset: number): number {
  return sf.getLineStarts()[sf.getLineAndCharacterOfPosition(offset).line]!;
}

function indentAt(sf: ts.SourceFile, offset: number): string {
  const start = lineStart(sf, offset);
  return /^[ \t]*/.exec(sf.text.slice(start, start + 200))![0];
}

function suppressFix(f: RawFinding, sf: ts.SourceFile): Fix {
  const at = lineStart(sf, f.growth.node.getStart(sf));
  const edit: TextEdit = {
    start: at,
    end: at,
    text: `${indentAt(sf, at)}// leaklens-disable-next-line ${f.rule} -- ${REASON_PLACEHOLDER}\n`,
  };
  return { kind: 'suppress', title: `Suppress ${f.rule} on this line (with a reason)`, edits: [edit] };
}

/** `logs` → MAX_LOGS, `this.requestLog` → MAX_REQUEST_LOG; suffixed when the name is taken. */
function limitName(target: Target, taken: ReadonlySet<string>): string {
  const last = target.name.split('.').pop()!;
  const base =
    'MAX_' +
    last
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase();
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  return name;
}

/** The statement the growth is, when it stands alone (so a cap can follow it). */
function growthStatement(node: ts.Node): ts.ExpressionStatement | undefined {
  let n = node;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return n.parent && ts.isExpressionStatement(n.parent) ? n.parent : undefined;
}

function capCode(f: RawFinding, t: Target, limit: string): string | undefined {
  const x = t.name;
  if (t.nested) return undefined;
  switch (t.kind) {
    case 'array':
    case 'unknown':
      return f.growth.kind === 'unshift'
        ? `if (${x}.length > ${limit}) ${x}.length = ${limit};`
        : `if (${x}.length > ${limit}) ${x}.splice(0, ${x}.length - ${limit});`;
    case 'map':
    case 'set':
      return `for (const key of ${x}.keys()) { if (${x}.size <= ${limit}) break; ${x}.delete(key); }`;
    case 'object':
      return `for (const key of Object.keys(${x}).slice(0, -${limit})) delete ${x}[key];`;
    case 'string':
      return `if (${x}.length > ${limit}) ${x} = ${x}.slice(-${limit});`;
    default:
      return undefined;
  }
}

function capFix(f: RawFinding, t: Target, sf: ts.SourceFile): Fix | undefined {
  const statement = growthStatement(f.growth.node);
  if (!statement || !t.topLevelStatement) return undefined;
  const limit = limitName(t, limitNamesIn(sf));
  const code = capCode(f, t, limit);
  if (!code) return undefined;
  const declAt = lineStart(sf, t.topLevelStatement.getStart(sf));
  const end = statement.getEnd();
  const unit = t.kind === 'string' ? 'characters' : 'entries';
  return {
    kind: 'cap',
    title: `Cap \`${t.name}\` at ${limit} ${unit} (evict the oldest)`,
    edits: [
      { start: declAt, end: declAt, text: `const ${limit} = ${DEFAULT_LIMIT};\n` },
      { start: end, end, text: `\n${indentAt(sf, statement.getStart(sf))}${code}` },
    ],
  };
}

/** Where the target is made with `new Map(…)`/`new Set(…)` and never iterated or sized, use the weak twin. */
function weakFix(t: Target, sf: ts.SourceFile): Fix | undefined {
  if (t.nested || (t.kind !== 'map' && t.kind !== 'set') || !t.declaration) return undefined;
  const init = initializerOf(t.declaration);
  if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return undefined;
  const ctor = init.expression.text;
  if (ctor !== 'Map' && ctor !== 'Set') return undefined;
  const name = t.name.replace(/[.$]/g, (c) => `\\${c}`);
  const strongOnly = new RegExp(
    `${name}\\s*\\.\\s*(size|keys|values|entries|forEach|clear)\\b|\\.\\.\\.\\s*${name}\\b|\\bof\\s+${name}\\b`,
  );
  if (strongOnly.test(sf.text)) return undefined;
  const weak = `Weak${ctor}`;
  const edits: TextEdit[] = [{ start: init.expression.getStart(sf), end: init.expression.getEnd(), text: weak }];
  const declared = typeOf(t.declaration);
  if (declared && ts.isTypeReferenceNode(declared) && ts.isIdentifier(declared.typeName) && declared.typeName.text === ctor) {
    edits.unshift({ start: declared.typeName.getStart(sf), end: declared.typeName.getEnd(), text: weak });
  }
  return { kind: 'weak', title: `Use a ${weak} so entries go with their request`, edits };
}

function initializerOf(declName: ts.Node): ts.Expression | undefined {
  const d = declName.parent;
  if (d && (ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d))) return d.initializer && unwrap(d.initializer);
  if (d && ts.isBinaryExpression(d)) return unwrap(d.right);
  return undefined;
}

function typeOf(declName: ts.Node): ts.TypeNode | undefined {
  const d = declName.parent;
  return d && (ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d)) ? d.type : undefined;
}
