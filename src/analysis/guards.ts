// The conditions an operation runs under, between it and the function it is in: a bound only bounds when
// it runs on every growth path (or under a check tied to the target, or a throttle), and a growth under a
// once-flag (`if (!subscribed) { server.on(…); subscribed = true; }`) happens once, not per request.
import ts from 'typescript';
import { unwrap } from './operations';
import { isFunctionLike } from './scopes';

export interface Guard {
  condition: ts.Expression;
  /** The statement or expression that runs only when the condition allows it. */
  guarded: ts.Node;
}

const LOOPS = new Set([
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
]);
/** Callbacks of these methods run per element: a condition inside filters elements, like a loop's. */
const ITERATING = new Set(['forEach', 'filter', 'map', 'some', 'every', 'reduce']);

/**
 * The conditions `node` runs under within its function, innermost first. A loop (or `forEach` callback)
 * restarts the list: what is inside it is a sweep's filter, not a condition on the sweep. A nested callback
 * (`res.on('finish', …)`) ends it: the callback runs when its event fires.
 */
export function guardsOf(node: ts.Node): Guard[] {
  let guards: Guard[] = [];
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (LOOPS.has(p.kind)) {
      guards = [];
      continue;
    }
    if (isFunctionLike(p)) {
      const call = p.parent;
      if (call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && ITERATING.has(call.expression.name.text)) {
        guards = [];
        n = call;
        continue;
      }
      break;
    }
    if (ts.isIfStatement(p) && n !== p.expression) guards.push({ condition: p.expression, guarded: n });
    else if (ts.isConditionalExpression(p) && n !== p.condition) guards.push({ condition: p.condition, guarded: n });
    else if (
      ts.isBinaryExpression(p) &&
      n === p.right &&
      (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      guards.push({ condition: p.left, guarded: n });
    } else if (ts.isCaseClause(p)) guards.push({ condition: p.expression, guarded: n });
    else if (ts.isCatchClause(p))
      guards.push({ condition: (p.variableDeclaration?.name as ts.Expression) ?? (p.block as unknown as ts.Expression), guarded: n });
  }
  return guards;
}

function mentions(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node) && node.text === name) return true;
  if (node.kind === ts.SyntaxKind.ThisKeyword && name === 'this') return true;
  return ts.forEachChild(node, (c) => mentions(c, name) || undefined) ?? false;
}

/** The bindings (`lastSweep`, `this.subscribed`) a block assigns to. */
function assignedIn(block: ts.Node): string[] {
  const names: string[] = [];
  const visit = (n: ts.Node): void => {
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      names.push(unwrap(n.left).getText());
    }
    if (!isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(block);
  return names;
}

/**
 * A condition that still bounds what it guards: it reads the target (`hits.size > MAX`, `hits.has(k)`), or
 * it is a throttle whose block resets what it tests (`if (now - lastSweep > T) { lastSweep = now; sweep(); }`).
 */
export function boundingGuard(g: Guard, targetRoot: string): boolean {
  if (mentions(g.condition, targetRoot)) return true;
  const assigned = assignedIn(g.guarded);
  return assigned.some((a) => g.condition.getText().includes(a));
}

/** `cache ||= create()`, `cache ??= create()`: the right side runs once, to fill what stays filled. */
function memoized(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent && !isFunctionLike(n.parent); n = n.parent) {
    const p = n.parent;
    if (
      ts.isBinaryExpression(p) &&
      p.right === n &&
      (p.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken)
    )
      return true;
  }
  return false;
}

/**
 * `if (!this.subscribed) { server.on(…); this.subscribed = true; }` or `ctx ||= createContext()`: runs once,
 * whatever the request count.
 */
export function onceGuarded(node: ts.Node): boolean {
  if (memoized(node)) return true;
  return guardsOf(node).some((g) => {
    const flags = negatedFlags(g.condition);
    return flags.length > 0 && assignedIn(g.guarded).some((a) => flags.includes(a));
  });
}

/** `!x`, `!this.done && y`, `x === false`: the flags a condition requires to be unset. */
function negatedFlags(condition: ts.Expression): string[] {
  const c = unwrap(condition);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return [unwrap(c.operand).getText()];
  if (ts.isBinaryExpression(c)) {
    if (c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...negatedFlags(c.left), ...negatedFlags(c.right)];
    const op = c.operatorToken.kind;
    if (
      (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) &&
      ['false', 'null', 'undefined'].includes(unwrap(c.right).getText())
    )
      return [unwrap(c.left).getText()];
  }
  return [];
}
