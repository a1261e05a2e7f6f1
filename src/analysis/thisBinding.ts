// What `this` is in a class member: the class, the fields its constructor assigns, and the functions a member
// passes on as `this.x` (a constructor's `this.onConnection = (conn) => …`, a field `onConnection = (conn) => …`).
import ts from 'typescript';
import { isFunctionLike } from './scopes';
import { unwrap } from './operations';

/** The class whose instance `this` is: arrows see through to the enclosing method or field initializer. */
export function classOfThis(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    if (isFunctionLike(n) && !ts.isArrowFunction(n)) {
      return ts.isClassLike(n.parent) ? n.parent : undefined;
    }
  }
  return undefined;
}

export function constructorAssignment(cls: ts.ClassLikeDeclaration, field: string): ts.BinaryExpression | undefined {
  return thisAssignment(cls.members.find(ts.isConstructorDeclaration)?.body, field);
}

/** `this.field = …` among a constructor's statements. */
export function thisAssignment(body: ts.Block | undefined, field: string): ts.BinaryExpression | undefined {
  for (const s of body?.statements ?? []) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression)) continue;
    const { left, operatorToken } = s.expression;
    if (
      operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(left) &&
      left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      left.name.text === field
    )
      return s.expression;
  }
  return undefined;
}

/**
 * `this.onConnection` passed as a callback in a class member, when the constructor assigns it an arrow or a field
 * initializes it with one: the arrow, whose `this` stays the instance wherever it is called from.
 */
export function thisArrowMember(e: ts.Expression): { fn: ts.ArrowFunction; cls: ts.ClassLikeDeclaration } | undefined {
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = classOfThis(e);
  if (!cls) return undefined;
  const name = e.name.text;
  const field = cls.members.find(
    (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name,
  );
  const value = field?.initializer ?? constructorAssignment(cls, name)?.right;
  const fn = value && unwrap(value);
  return fn && ts.isArrowFunction(fn) ? { fn, cls } : undefined;
}

/** An arrow written in a class member: its `this` is that class's instance. */
export function classOfArrow(fn: ts.FunctionLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  return ts.isArrowFunction(fn) ? classOfThis(fn) : undefined;
}
