// The code that runs on a request: the handler (with every callback nested in it, such as
// `res.on('finish', …)`) and the functions of the same file it calls, a few calls deep, each with the call
// that reaches it (so that a helper's parameter can be read as the argument the handler passed).
import ts from 'typescript';
import type { Handler } from './handlers';
import { functionOf } from './handlers';
import { isWithin, type Resolver } from './scopes';
import { unwrap } from './operations';
import { onceGuarded } from './guards';

const MAX_CALL_DEPTH = 3;

export interface RequestPath {
  functions: ts.FunctionLikeDeclaration[];
  /** For each function called from the handler: the first call that reaches it, and the function it is in. */
  callers: Map<ts.Node, { call: ts.CallExpression; caller: ts.FunctionLikeDeclaration }>;
  /**
   * Methods reached through a long-lived instance of a class of this file (`limiter.add(ip)` with
   * `const limiter = new Limiter()`), with that class: their `this` is the instance, which outlives the request.
   */
  instanceClasses: Map<ts.Node, ts.ClassLikeDeclaration>;
}

export function requestPath(handler: Handler, resolver: Resolver): RequestPath {
  const functions = [handler.fn];
  const callers = new Map<ts.Node, { call: ts.CallExpression; caller: ts.FunctionLikeDeclaration }>();
  const instanceClasses = new Map<ts.Node, ts.ClassLikeDeclaration>();
  const seen = new Set<ts.Node>(functions);
  let frontier: ts.FunctionLikeDeclaration[] = [handler.fn];
  for (let depth = 0; depth < MAX_CALL_DEPTH && frontier.length; depth++) {
    const next: ts.FunctionLikeDeclaration[] = [];
    for (const fn of frontier) {
      forEachCall(fn, (call) => {
        if (onceGuarded(call)) return; // `ctx ||= createContext()`: not per request
        const called = calledFunction(call, instanceClasses.get(fn) ?? handler.classNode, handler, resolver);
        const callee = called?.fn;
        if (callee && !seen.has(callee) && !isWithin(callee, handler.fn)) {
          seen.add(callee);
          functions.push(callee);
          callers.set(callee, { call, caller: fn });
          if (called.cls && called.cls !== handler.classNode) instanceClasses.set(callee, called.cls);
          next.push(callee);
        }
      });
    }
    frontier = next;
  }
  return { functions, callers, instanceClasses };
}

function forEachCall(root: ts.Node, fn: (call: ts.CallExpression) => void): void {
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) fn(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
}

function calledFunction(
  call: ts.CallExpression,
  thisClass: ts.ClassLikeDeclaration | undefined,
  handler: Handler,
  resolver: Resolver,
): { fn: ts.FunctionLikeDeclaration; cls?: ts.ClassLikeDeclaration } | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const fn = functionOf(callee, resolver) ?? madeFunction(callee, handler, resolver);
    return fn && { fn };
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  // `this.helper()` inside a member of a singleton class, or of a long-lived instance's class
  if (thisClass && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const fn = methodOf(thisClass, callee.name.text);
    return fn && { fn, cls: thisClass };
  }
  // `limiter.add(ip)` where `limiter` is a `new Limiter()` declared outside the handler
  const target = unwrap(callee.expression);
  if (!ts.isIdentifier(target)) return undefined;
  const decl = resolver.resolve(target);
  if (!decl || !ts.isVariableDeclaration(decl.node) || !decl.node.initializer || isWithin(decl.node, handler.fn)) return undefined;
  const init = unwrap(decl.node.initializer);
  if (!ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return undefined;
  const clsDecl = resolver.resolve(init.expression);
  if (!clsDecl || !ts.isClassLike(clsDecl.node)) return undefined;
  const fn = methodOf(clsDecl.node, callee.name.text);
  return fn && { fn, cls: clsDecl.node };
}

/**
 * `parse(url)` where `const parse = memoize((url) => …)` outside the handler and `memoize` is a function of this
 * file: the call runs the closure the factory returned, and what that closure keeps in the factory's scope (a
 * cache) lives as long as `parse` does.
 */
function madeFunction(callee: ts.Identifier, handler: Handler, resolver: Resolver): ts.FunctionLikeDeclaration | undefined {
  const decl = resolver.resolve(callee);
  if (!decl || !ts.isVariableDeclaration(decl.node) || !decl.node.initializer || isWithin(decl.node, handler.fn)) return undefined;
  const init = unwrap(decl.node.initializer);
  if (!ts.isCallExpression(init)) return undefined;
  const factory = functionOf(unwrap(init.expression), resolver);
  return factory && returnedClosure(factory, resolver);
}

/** The one function a factory returns (`return (…) => …`, or a local function it returns by name). */
export function returnedClosure(factory: ts.FunctionLikeDeclaration, resolver: Resolver): ts.FunctionLikeDeclaration | undefined {
  const body = factory.body;
  if (!body) return undefined;
  const returned: ts.Expression[] = [];
  if (!ts.isBlock(body)) returned.push(body);
  else
    forEachReturn(body, (e) => {
      returned.push(e);
    });
  const fns = returned.map((e) => functionOf(unwrap(e), resolver));
  const fn = fns[0];
  return fn && fns.every((f) => f === fn) && isWithin(fn, factory) ? fn : undefined;
}

/** The expressions of a function body's own `return` statements (not those of nested functions). */
function forEachReturn(body: ts.Block, fn: (e: ts.Expression) => void): void {
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) fn(node.expression);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
}

function methodOf(cls: ts.ClassLikeDeclaration, name: string): ts.MethodDeclaration | undefined {
  const member = cls.members.find((m) => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name);
  return member && ts.isMethodDeclaration(member) && member.body ? member : undefined;
}
