// Resolves the expression an operation grows to a long-lived target — a binding outside the handler (factory
// or module scope) or a `this.*` field of a singleton class — or to nothing when it is request-scoped.
import ts from 'typescript';
import type { Handler } from './handlers';
import { functionName, isBindThis } from './handlers';
import { unwrap } from './operations';
import { isFunctionLike, isWithin, type Declaration, type Resolver } from './scopes';
import { classOfThis, constructorAssignment, thisAssignment } from './thisBinding';
import { kindOfType, kindOfValue, type ValueKind } from './valueKinds';
import type { RequestPath } from './requestPath';
import { isRequestScopedParam } from './shapes';

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
  /** How a helper on the request path was called: its parameters are read as the arguments passed. */
  callers?: RequestPath['callers'];
  /** Methods of a long-lived instance's class on the request path (their `this` outlives the request). */
  instanceClasses?: RequestPath['instanceClasses'];
}

/** Properties of the request or response that are the connection: kept alive across requests. */
const CONNECTION_PROPERTIES = new Set(['socket', 'connection', 'client']);

const GLOBAL_EMITTERS = new Set(['process', 'globalThis', 'window', 'document']);

export function resolveTarget(expr: ts.Expression, scope: TargetScope, resolver: Resolver, depth = 0): Target | undefined {
  let e = connectionOrServer(unwrap(expr));
  let nested = false;
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'get' &&
    e.arguments.length === 1
  ) {
    nested = true;
    e = unwrap(e.expression.expression);
  }
  const path: string[] = [];
  while (ts.isPropertyAccessExpression(e)) {
    path.unshift(e.name.text);
    e = unwrap(e.expression);
  }
  if (ts.isIdentifier(e)) return bindingTarget(e, path, nested, scope, resolver, depth);
  if (e.kind === ts.SyntaxKind.ThisKeyword)
    return path.length > 0 ? fieldTarget(e, path, nested, scope, resolver) : instanceTarget(e, scope);
  return undefined;
}

/** `(req.socket ?? req.connection).server`, `req.socket || req.connection`: the first alternative stands for both. */
function connectionOrServer(e: ts.Expression): ts.Expression {
  if (ts.isPropertyAccessExpression(e)) {
    const inner = connectionOrServer(unwrap(e.expression));
    return inner === unwrap(e.expression) ? e : ts.factory.createPropertyAccessExpression(inner, e.name);
  }
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return unwrap(e.left);
  }
  return e;
}

/** `this.on(…)` in a member of a singleton class (an EventEmitter subclass): the instance itself. */
function instanceTarget(self: ts.Node, scope: TargetScope): Target | undefined {
  const cls = classOfThis(self);
  if (!cls) {
    const ctor = constructorOfThis(self, scope);
    return (
      ctor && {
        key: `ctor${ctor.pos}:this`,
        name: 'this',
        kind: 'unknown',
        declaration: ctor.name,
        where: `the \`${functionName(ctor) ?? 'constructor'}\` instance, a singleton`,
        opaque: true,
        nested: false,
      }
    );
  }
  if (cls !== scope.handler.classNode && !isInstanceMethodOf(cls, scope)) return undefined;
  const className = cls.name?.text ?? 'class';
  return {
    key: `class${cls.pos}:this`,
    name: 'this',
    kind: 'unknown',
    declaration: cls.name,
    where: `the \`${className}\` instance, a singleton`,
    opaque: true,
    nested: false,
  };
}

/** `req.socket`, `res.connection.server`: the keep-alive connection (or its server), which outlives the request. */
function connectionTarget(id: ts.Identifier, path: string[], decl: Declaration, scope: TargetScope): Target | undefined {
  if (!ts.isParameter(decl.node) || !isRequestScopedParam(decl.node) || !CONNECTION_PROPERTIES.has(path[0] ?? '')) return undefined;
  // An event stream never ends its response, so keep-alive never hands its connection to another request.
  if (path[1] !== 'server' && (streamsEvents(scope.handler.fn) || streamsEvents(scope.current))) return undefined;
  const name = [id.text, ...path].join('.');
  const what =
    path[1] === 'server' ? 'the server, which lives as long as the process' : 'the connection, which keep-alive reuses for many requests';
  return {
    key: `connection:${path.slice(0, 2).join('.')}`,
    name,
    kind: 'unknown',
    declaration: decl.id,
    where: what,
    opaque: true,
    nested: false,
  };
}

const eventStreams = new WeakMap<ts.Node, boolean>();

/** The function answers with `text/event-stream` (server-sent events): its response lasts as long as the connection. */
function streamsEvents(fn: ts.Node): boolean {
  let known = eventStreams.get(fn);
  if (known === undefined) {
    const visit = (node: ts.Node): boolean =>
      (ts.isStringLiteralLike(node) && /^text\/event-stream\b/i.test(node.text)) || (ts.forEachChild(node, visit) ?? false);
    eventStreams.set(fn, (known = visit(fn)));
  }
  return known;
}

function bindingTarget(
  id: ts.Identifier,
  path: string[],
  nested: boolean,
  scope: TargetScope,
  resolver: Resolver,
  depth: number,
): Target | undefined {
  const name = [id.text, ...path].join('.');
  const decl = resolver.resolve(id);
  if (!decl) {
    return GLOBAL_EMITTERS.has(id.text)
      ? { key: `global:${name}`, name, kind: 'unknown', where: 'a global', opaque: true, nested }
      : undefined;
  }
  if (isWithin(decl.node, scope.handler.fn) || isWithin(decl.node, scope.current)) {
    const connection = connectionTarget(id, path, decl, scope);
    if (connection) return connection;
    if (depth < 4) {
      const alias = aliasOf(decl, path, scope);
      if (alias) return resolveTarget(alias.expression, { ...scope, current: alias.current }, resolver, depth + 1);
    }
    return undefined;
  }
  // A local of another function on the request path (`sendTrailer`'s `trailers`, grown in its callback `cb`) is per call.
  for (const fn of scope.callers?.keys() ?? []) if (isWithin(decl.node, fn)) return undefined;
  if (decl.kind === 'function' || decl.kind === 'class' || decl.kind === 'catch') return undefined;
  const node = decl.node;
  let kind: ValueKind = 'unknown';
  if (decl.kind === 'param' && ts.isBindingElement(decl.id.parent)) {
    // `function memoize(fn, { cache = new Map() } = {})`: the default is what it holds unless a caller passes one.
    if (path.length === 0) kind = kindOfValue(decl.id.parent.initializer, resolver);
  } else if (decl.kind !== 'import' && (ts.isVariableDeclaration(node) || ts.isParameter(node))) {
    kind = path.length === 0 ? declaredKind(node.type, node.initializer, resolver) : propertyKind(node.initializer, path, resolver);
  }
  const where =
    decl.kind === 'import'
      ? 'imported from another module (a module singleton)'
      : ts.isSourceFile(decl.scope)
        ? 'declared at module scope'
        : decl.kind === 'param'
          ? `a parameter of ${describeFunction(decl.scope)}, captured by the handler`
          : isFunctionLike(decl.scope)
            ? `captured from the scope of ${describeFunction(decl.scope)}`
            : 'declared outside the handler';
  // `api.projects.push(…)` where `api = new Gitlab(…)`: a property of an object we did not build is its own API.
  const foreignProperty =
    path.length > 0 && ts.isVariableDeclaration(node) && !!node.initializer && !ts.isObjectLiteralExpression(unwrap(node.initializer));
  const opaque = decl.kind === 'import' || foreignProperty || (ts.isVariableDeclaration(node) && isRequireCall(node.initializer));
  return {
    key: `${decl.id.pos}:${name}`,
    name,
    kind,
    declaration: decl.id,
    topLevelStatement: topLevelStatementOf(decl.node),
    where,
    opaque,
    nested,
  };
}

function fieldTarget(self: ts.Node, path: string[], nested: boolean, scope: TargetScope, resolver: Resolver): Target | undefined {
  const cls = classOfThis(self);
  const name = `this.${path.join('.')}`;
  if (!cls) {
    const ctor = constructorOfThis(self, scope);
    if (!ctor) return undefined;
    const assigned = thisAssignment(ctor.body, path[0]!);
    return {
      key: `ctor${ctor.pos}:${name}`,
      name,
      kind: assigned && path.length === 1 ? kindOfValue(assigned.right, resolver) : 'unknown',
      declaration: assigned?.left,
      topLevelStatement: topLevelStatementOf(ctor),
      where: `a field of the \`${functionName(ctor) ?? 'constructor'}\` instance, a singleton`,
      opaque: false,
      nested,
    };
  }
  if (cls !== scope.handler.classNode && !isInstanceMethodOf(cls, scope)) return undefined;
  const field = path[0]!;
  const member = cls.members.find(
    (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === field,
  );
  let kind: ValueKind = 'unknown';
  let declaration: ts.Node | undefined = member?.name;
  if (member) {
    kind =
      path.length === 1
        ? declaredKind(member.type, member.initializer, resolver)
        : propertyKind(member.initializer, path.slice(1), resolver);
  } else {
    const assigned = constructorAssignment(cls, field);
    if (assigned) {
      declaration = assigned.left;
      if (path.length === 1) kind = kindOfValue(assigned.right, resolver);
    }
  }
  const className = cls.name?.text ?? 'class';
  return {
    key: `class${cls.pos}:${name}`,
    name,
    kind,
    declaration,
    topLevelStatement: topLevelStatementOf(cls),
    where: `a field of \`${className}\`, a singleton`,
    opaque: false,
    nested,
  };
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
    const prop = e.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
    );
    e = prop && unwrap(prop.initializer);
  }
  return kindOfValue(e, resolver);
}

/**
 * The constructor function whose instance `this` is, for a member of a pre-class constructor (see
 * HandlerFinder.visitConstructorMember): `this` in the handler itself, or in an arrow or a function bound to
 * `this` inside it.
 */
function constructorOfThis(node: ts.Node, scope: TargetScope): ts.FunctionDeclaration | ts.FunctionExpression | undefined {
  const ctor = scope.handler.constructorFn;
  if (!ctor) return undefined;
  for (let n = node.parent; n; n = n.parent) {
    if (n === scope.handler.fn) return ctor;
    // A function bound with `.bind(this)` sees the same `this`, as an arrow does.
    if (isFunctionLike(n) && !ts.isArrowFunction(n) && !(n.parent && isBindThis(n.parent, n))) return undefined;
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

/**
 * What a request-path local stands for when it names something else: `const server = req.socket.server`
 * (a constant initialised from a property chain), or a helper's parameter (the argument its caller passed).
 */
function aliasOf(decl: Declaration, path: string[], scope: TargetScope): { expression: ts.Expression; current: ts.Node } | undefined {
  const rebuild = (e: ts.Expression): ts.Expression =>
    path.reduce<ts.Expression>((acc, name) => ts.factory.createPropertyAccessExpression(acc, name), e);
  const node = decl.node;
  if (ts.isVariableDeclaration(node) && decl.kind === 'const' && node.initializer && ts.isIdentifier(node.name)) {
    const init = connectionOrServer(unwrap(node.initializer));
    if (ts.isPropertyAccessExpression(init)) return { expression: rebuild(init), current: scope.current };
  }
  if (ts.isParameter(node) && node.parent === scope.current && scope.callers) {
    const site = scope.callers.get(scope.current);
    const arg = site?.call.arguments[node.parent.parameters.indexOf(node)];
    if (site && arg && !ts.isSpreadElement(arg)) return { expression: rebuild(arg), current: site.caller };
  }
  return undefined;
}

/** The operation sits in (a callback of) a method reached through a long-lived instance of `cls`. */
function isInstanceMethodOf(cls: ts.ClassLikeDeclaration, scope: TargetScope): boolean {
  return scope.instanceClasses?.get(scope.current) === cls;
}
