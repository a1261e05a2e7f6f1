// What kind of value a binding holds, from its type annotation or its initializer: only collections and
// strings can grow; scalars never count; weak and known bounded containers are bounded by construction.
import ts from 'typescript';
import { isObjectCreateNull, unwrap } from './operations';
import type { Resolver } from './scopes';

export type ValueKind = 'array' | 'object' | 'map' | 'set' | 'string' | 'weak' | 'bounded-cache' | 'scalar' | 'unknown';

/** Packages whose caches evict by themselves. */
const BOUNDED_CACHE_MODULES = new Set([
  'lru-cache',
  'quick-lru',
  'lru_map',
  'tiny-lru',
  'mnemonist',
  '@isaacs/ttlcache',
  'node-cache',
  'ttl-cache',
  'lru.min',
]);
const BOUNDED_CACHE_NAME = /LRU|TTLCache/i;

const BY_CONSTRUCTOR: Record<string, ValueKind> = {
  Array: 'array',
  Map: 'map',
  Set: 'set',
  Object: 'object',
  String: 'string',
  WeakMap: 'weak',
  WeakSet: 'weak',
  WeakRef: 'weak',
  FinalizationRegistry: 'weak',
};

export function kindOfType(type: ts.TypeNode | undefined): ValueKind {
  if (!type) return 'unknown';
  if (ts.isArrayTypeNode(type) || ts.isTupleTypeNode(type)) return 'array';
  if (ts.isTypeLiteralNode(type)) return type.members.some(ts.isIndexSignatureDeclaration) ? 'object' : 'unknown';
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
      return 'scalar';
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    if (name === 'ReadonlyArray') return 'array';
    if (name === 'Record') return 'object';
    if (BOUNDED_CACHE_NAME.test(name)) return 'bounded-cache';
    return BY_CONSTRUCTOR[name] ?? 'unknown';
  }
  return 'unknown';
}

export function kindOfValue(init: ts.Expression | undefined, resolver: Resolver): ValueKind {
  if (!init) return 'unknown';
  const e = unwrap(init);
  if (ts.isArrayLiteralExpression(e)) return 'array';
  if (ts.isObjectLiteralExpression(e) || isObjectCreateNull(e)) return 'object';
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return 'string';
  if (ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return 'scalar';
  if (ts.isNewExpression(e)) {
    const ctor = unwrap(e.expression);
    const name = ts.isIdentifier(ctor) ? ctor.text : ts.isPropertyAccessExpression(ctor) ? ctor.name.text : '';
    if (BOUNDED_CACHE_NAME.test(name) || (ts.isIdentifier(ctor) && importedFromBoundedCache(ctor, resolver))) return 'bounded-cache';
    return BY_CONSTRUCTOR[name] ?? 'unknown';
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && importedFromBoundedCache(e.expression, resolver)) return 'bounded-cache';
  return 'unknown';
}

/** Whether `id` names an import (ESM or `require`) of a self-evicting cache package. */
function importedFromBoundedCache(id: ts.Identifier, resolver: Resolver): boolean {
  const decl = resolver.resolve(id);
  if (!decl) return false;
  let spec: ts.Expression | undefined;
  if (decl.kind === 'import') {
    for (let n: ts.Node | undefined = decl.node; n; n = n.parent)
      if (ts.isImportDeclaration(n)) {
        spec = n.moduleSpecifier;
        break;
      }
  } else if (ts.isVariableDeclaration(decl.node) && decl.node.initializer) {
    const init = unwrap(decl.node.initializer);
    const call = ts.isPropertyAccessExpression(init) ? init.expression : init;
    if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'require') spec = call.arguments[0];
  }
  if (!spec || !ts.isStringLiteralLike(spec)) return false;
  const root = spec.text.startsWith('@') ? spec.text.split('/').slice(0, 2).join('/') : spec.text.split('/')[0]!;
  return BOUNDED_CACHE_MODULES.has(root);
}
