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
}

export function requestPath(handler: Handler, resolver: Resolver): RequestPath {
  const functions = [handler.fn];
  const callers = new Map<ts.Node, { call: ts.CallExpression; caller: ts.FunctionLikeDeclaration }>();
  const seen = new Set<ts.Node>(functions);
  let frontier: ts.FunctionLikeDeclaration[] = [handler.fn];
  for (let depth = 0; depth < MAX_CALL_DEPTH && frontier.length; depth++) {
    const next: ts.FunctionLikeDeclaration[] = [];
    for (const fn of frontier) {
      forEachCall(fn, (call) => {
        if (onceGuarded(call)) return; // `ctx ||= createContext()`: not per request
        const callee = calledFunction(call, handler, resolver);
        if (callee && !seen.has(callee) && !isWithin(callee, handler.fn)) {
          seen.add(callee);
          functions.push(callee);
          callers.set(callee, { call, caller: fn });
          next.push(callee);
        }
      });
    }
    frontier = next;
  }
  return { functions, callers };
}

function forEachCall(root: ts.Node, fn: (call: ts.CallExpression) => void): void {
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) fn(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
}

function calledFunction(call: ts.CallExpression, handler: Handler, resolver: Resolver): ts.FunctionLikeDeclaration | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return functionOf(callee, resolver);
  // `this.helper()` inside a singleton class member
  if (handler.classNode && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const name = callee.name.text;
    const member = handler.classNode.members.find((m) => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name);
    return member && ts.isMethodDeclaration(member) && member.body ? member : undefined;
  }
  return undefined;
}
