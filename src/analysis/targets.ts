// Resolves the expression an operation grows to a long-lived target — a binding outside the handler (factory
// or module scope) or a `this.*` field of a singleton class — or to nothing when it is request-scoped.
import ts from 'typescript';
import type { Handler } from './handlers';
import { functionName } from './handlers';
import { unwrap } from './operations';
import { isFunctionLike, isWithin, type Resolver } from './scopes';
import { kindOfType, kindOfValue, type ValueKind } from './valueKinds';

export interface Target {
  /** Identity: growth and bounds on the same key are the same container. */
  key: string;
  /** Shown in messages: `logs`, `state.items`, `this.cache`. */
  name: string;
  kind: ValueKind;
  /** Where it is declared (for the related location), absent for globals such as `process`. */
  declaration?: ts.Node;
  /** The statement to put a named limit before, at the top level of the file. */
  topLevelStatement?: ts.Statement;
  /** Completes "`logs` is …": "captured from the scope of `requestLogger`", "declared at module scope". */
  where: string;
  /** Imports and globals are long-lived but opaque: only listeners on them are judged. */
  opaque: boolean;
  /** `map.get(k).push(v)`: the container found through `get`. */
  nested: boolean;
}

export interface TargetScope {
  handler: Handler;
  /** The request-path function the operation sits in (the handler or a helper it calls). */
  current: ts.Node;
}

const GLOBAL_EMITTERS = new Set(['process', 'globalThis', 'window', 'document']);

export function resolveTarget(expr: ts.Expression, scope: TargetScope, resolver: Resolver): Target | undefined {
  let e = unwrap(expr);
  let nested = false;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get' && e.arguments.length === 1) {
    nested = true;
    e = unwrap(e.expression.expression);
  }
  const path: string[] = [];
  while (ts.isPropertyAccessExpression(e)) {
    path.unshift(e.name.text);
    e = unwrap(e.expression);
  }
  if (ts.isIdentifier(e)) return bindingTarget(e, path, nested, scope, resolver);
  if (e.kind === ts.SyntaxKind.ThisKeyword && path.length > 0) return fieldTarget(e, path, nested, scope, resolver);
  return undefined;
}

function bindingTarget(id: ts.Identifier, path: string[], nested: boolean, scope: TargetScope, resolver: Resolver): Target | undefined {
  const name = [id.text, ...path].join('.');
  const decl = resolver.resolve(id);
  if (!decl) {
    return GLOBAL_EMITTERS.has(id.text) ? { key: `global:${name}`, name, kind: 'unknown', where: 'a global', opaque: true, nested } : undefined;
  }
  if (isWithin(decl.node, scope.handler.fn) || isWithin(decl.node, scope.current)) return undefined;
  if (decl.kind === 'function' || decl.kind === 'class' || decl.kind === 'catch') return undefined;
  const node = decl.node;
  let kind: ValueKind = 'unknown';
  if (decl.kind !== 'import' && (ts.isVariableDeclaration(node) || ts.isParameter(node))) {
    kind = path.length === 0 ? declaredKind(node.type, node.initializer, resolver) : propertyKind(node.initializer, path, resolver);
  }
  const where = decl.kind === 'import' ? 'imported from another module (a module singleton)'
    : ts.isSourceFile(decl.scope) ? 'declared at module scope'
    : decl.kind === 'param' ? `a parameter of ${describeFunction(decl.scope)}, captured by the handler`
    : isFunctionLike(decl.scope) ? `captured from the scope of ${describeFunction(decl.scope)}`
    : 'declared outside the handler';
  const opaque = decl.kind === 'import' || (ts.isVariableDeclaration(node) && isRequireCall(node.initializer));
  return { key: `${decl.id.pos}:${name}`, name, kind, declaration: decl.id, topLevelStatement: topLevelStatementOf(decl.node), where, opaque, nested };
}

function fieldTarget(self: ts.Node, path: string[], nested: boolean, scope: TargetScope, resolver: Resolver): Target | undefined {
  const cls = classOfThis(self);
  if (!cls || cls !== scope.handler.classNode) return undefined;
  const name = `this.${path.join('.')}`;
  const field = path[0]!;
  const member = cls.members.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === field);
  let kind: ValueKind = 'unknown';
  let declaration: ts.Node | undefined = member?.name;
  if (member) {
    kind = path.length === 1 ? declaredKind(member.type, member.initializer, resolver) : propertyKind(member.initializer, path.slice(1), resolver);
  } else {
    const assigned = constructorAssignment(cls, field);
    if (assigned) {
      declaration = assigned.left;
      if (path.length === 1) kind = kindOfValue(assigned.right, resolver);
    }
  }
  const className = cls.name?.text ?? 'class';
  return { key: `class${cls.pos}:${name}`, name, kind, declaration, topLevelStatement: topLevelStatementOf(cls), where: `a field of \`${className}\`, a singleton`, opaque: false, nested };
}

/** `require('x')` or `require('x').y`: a CommonJS import. */
function isRequireCall(init: ts.Expression | undefined): boolean {
  let e = init && unwrap(init);
  if (e && ts.isPropertyAccessExpression(e)) e = unwrap(e.expression);
  return !!e && ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require';
}

function declaredKind(type: ts.TypeNode | undefined, init: ts.Expression | undefined, resolver: Resolver): ValueKind {
  const fromType = kindOfType(type);
  return fromType !== 'unknown' ? fromType : kindOfValue(init, resolver);
}

/** `state.items` where `state = { items: [] }`: the kind of the property's initial value. */
function propertyKind(init: ts.Expression | undefined, path: string[], resolver: Resolver): ValueKind {
  let e = init && unwrap(init);
  for (const name of path) {
    if (!e || !ts.isObjectLiteralExpression(e)) return 'unknown';
    const prop = e.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name);
    e = prop && unwrap(prop.initializer);
  }
  return kindOfValue(e, resolver);
}

function constructorAssignment(cls: ts.ClassLikeDeclaration, field: string): ts.BinaryExpression | undefined {
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  for (const s of ctor?.body?.statements ?? []) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression)) continue;
    const { left, operatorToken } = s.expression;
    if (operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left) &&
      left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === field) return s.expression;
  }
  return undefined;
}

/** The class whose instance `this` is: arrows see through to the enclosing method or field initializer. */
function classOfThis(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    if (isFunctionLike(n) && !ts.isArrowFunction(n)) {
      return ts.isClassLike(n.parent) ? n.parent : undefined;
    }
  }
  return undefined;
}

function describeFunction(fn: ts.Node): string {
  const name = functionName(fn);
  return name ? `\`${name}\`` : 'the enclosing function';
}

function topLevelStatementOf(node: ts.Node): ts.Statement | undefined {
  let n: ts.Node = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  return n.parent ? (n as ts.Statement) : undefined;
}
