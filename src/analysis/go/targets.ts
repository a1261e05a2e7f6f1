// Identity, kind and lifetime of the collection a mutation touches: `logs` of the factory, a package
// variable, or `s.seen` reached through a long-lived receiver.
import type { Node } from 'web-tree-sitter';
import type { CollectionKind } from './mutations';
import { isPerRequestType } from './perRequest';
import { type Declaration, fieldType, findStruct, resolve } from './scope';
import { callArgs, compact, contains, unparen } from './syntax';

export interface Target {
  /** Same key ⇔ same collection, wherever in the file it is used. */
  key: string;
  /** As written, e.g. `logs`, `s.seen`. */
  name: string;
  kind: CollectionKind;
  /** The root identifier's declaration (absent: declared in another file of the package, or another package). */
  decl?: Declaration;
  /** The struct field declaration when the target is a field of a receiver. */
  field?: { struct: Node; name: Node };
  /** Where the declaration is shown to the user: the field, the declaring identifier. */
  declNode?: Node;
  /** Reached through a value that lives for one request (a context, a pooled or per-request struct). */
  perRequest?: boolean;
  /** The declared type, when known (`map[bool]T`). */
  type?: string;
}

export type Lifetime = { longLived: false } | { longLived: true; why: 'factory' | 'package' | 'receiver' };

export function kindOfType(type: string): CollectionKind {
  const t = type.replace(/^\*/, '');
  if (t.startsWith('[]')) return 'slice';
  if (t.startsWith('map[')) return 'map';
  if (t === 'sync.Map') return 'syncmap';
  if (t === 'strings.Builder' || t === 'bytes.Buffer') return 'builder';
  if (t === 'string') return 'string';
  return 'unknown';
}

function kindOfValue(value: Node | undefined): CollectionKind {
  if (!value) return 'unknown';
  const v = unparen(value);
  switch (v.type) {
    case 'composite_literal':
      return kindOfType(compact(v.childForFieldName('type')));
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return 'string';
    case 'unary_expression':
      return kindOfValue(v.childForFieldName('operand') ?? undefined);
    case 'call_expression': {
      const fn = compact(v.childForFieldName('function'));
      if (fn === 'make' || fn === 'new') return kindOfType(compact(callArgs(v)[0]));
      return fn.startsWith('bytes.NewBuffer') ? 'builder' : 'unknown';
    }
    default:
      return 'unknown';
  }
}

function rootOf(expr: Node): { root: Node; path: string[] } {
  const path: string[] = [];
  let e = unparen(expr);
  while (e.type === 'selector_expression') {
    path.unshift(e.childForFieldName('field')?.text ?? '');
    e = unparen(e.childForFieldName('operand')!);
  }
  return { root: e, path };
}

/** Identity and kind of the collection named by `expr` (an identifier or a field selector). */
export function describeTarget(expr: Node, root: Node): Target | undefined {
  const { root: id, path } = rootOf(expr);
  if (id.type !== 'identifier') return undefined;
  const decl = resolve(id);
  const name = compact(expr);
  if (!decl) return { key: `pkg:${name}`, name, kind: 'unknown' };
  if (decl.kind === 'const' || decl.kind === 'func' || decl.kind === 'type') return undefined;
  const rootKind = decl.type ? kindOfType(compact(decl.type)) : kindOfValue(decl.value);
  const rootType = decl.type ? compact(decl.type) : compact(unparen(decl.value ?? id).childForFieldName('type'));
  const rootPerRequest = !!rootType && isPerRequestType(rootType, id);
  if (path.length === 0)
    return {
      key: `d${decl.id.startIndex}`,
      name,
      kind: rootKind,
      decl,
      declNode: decl.id,
      perRequest: rootPerRequest && decl.kind !== 'var',
      type: rootType || undefined,
    };
  // A field: its kind comes from the struct declarations of the package, field by field.
  const structName = rootType.replace(/^[*&]/, '');
  let struct = structName ? findStruct(root, structName) : undefined;
  let field: { name: Node; type: Node } | undefined;
  let perRequest = rootPerRequest;
  for (const [i, segment] of path.entries()) {
    field = struct ? fieldType(struct, segment) : undefined;
    if (!field) break;
    const type = compact(field.type);
    if (i < path.length - 1 && isPerRequestType(type, id)) perRequest = true;
    if (i < path.length - 1) struct = findStruct(root, type.replace(/^\*/, '').replace(/^\[\]\*?/, ''));
  }
  const key = decl.kind === 'receiver' ? `recv:${structName}.${path.join('.')}` : `d${decl.id.startIndex}.${path.join('.')}`;
  return {
    key,
    name,
    decl,
    kind: field ? kindOfType(compact(field.type)) : 'unknown',
    perRequest,
    type: field ? compact(field.type) : undefined,
    field: field && struct ? { struct, name: field.name } : undefined,
    declNode: field?.name ?? decl.id,
  };
}

/** Whether the target outlives one run of `fn`: declared outside it, or a field of its receiver. */
export function lifetimeIn(target: Target, fn: Node): Lifetime {
  const d = target.decl;
  if (target.perRequest) return { longLived: false };
  if (!d) return { longLived: true, why: 'package' };
  if (d.kind === 'receiver') return { longLived: true, why: 'receiver' };
  if (contains(fn, d.id)) return { longLived: false };
  return { longLived: true, why: d.scope.type === 'source_file' ? 'package' : 'factory' };
}
