// Recognises, node by node, the operations that grow a collection and those that bound it.
import ts from 'typescript';
import type { GrowingApi } from './growingApis';
import type { DefaultStore } from './defaultStores';

export type GrowthKind =
  | 'push'
  | 'unshift'
  | 'splice'
  | 'index-append'
  | 'concat'
  | 'spread'
  | 'Map#set'
  | 'Set#add'
  | 'computed-key'
  | 'string-append'
  | 'listener'
  | 'interval'
  | 'continuation'
  | 'api'
  | 'default-store';

export type BoundKind =
  'delete' | 'clear' | 'pop' | 'shift' | 'splice-remove' | 'truncate' | 'reset' | 'trim' | 'remove-listener' | 'clear-interval';

export interface Growth {
  type: 'growth';
  kind: GrowthKind;
  node: ts.Node;
  /** The expression that grows (receiver, assigned binding or emitter); undefined for `setInterval`. */
  receiver?: ts.Expression;
  /** Values kept by the growth (pushed items, Map values and keys, listener functions). */
  values: ts.Expression[];
  /** For Map#set: the key. */
  key?: ts.Expression;
  /** For listeners: the event name when literal. */
  event?: string;
  /** For listeners: `once`/`prependOnceListener`, which go away when the event fires. */
  once?: boolean;
  /** For a call of a known growing API: its table entry. */
  api?: GrowingApi;
  /** For middleware registered with its default store: what that store keeps. */
  store?: DefaultStore;
}

export interface Bound {
  type: 'bound';
  kind: BoundKind;
  node: ts.Node;
  receiver?: ts.Expression;
  /** Empties the target entirely (a flush-and-reset rather than an eviction). */
  empties: boolean;
  event?: string;
  /** For deletes: the key deleted. */
  key?: ts.Expression;
}

export type Operation = Growth | Bound;

const LISTEN = new Set(['on', 'addListener', 'prependListener', 'addEventListener', 'once', 'prependOnceListener']);
const UNLISTEN = new Set(['off', 'removeListener', 'removeAllListeners', 'removeEventListener']);

export function unwrap(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e)
  )
    e = e.expression;
  return e;
}

/** Source-text identity of two expressions (`logs` vs `logs`, `this.buf` vs `this.buf`). */
function sameExpression(a: ts.Expression, b: ts.Expression): boolean {
  return unwrap(a).getText() === unwrap(b).getText();
}

function isFreshEmpty(e: ts.Expression): boolean {
  e = unwrap(e);
  if (ts.isArrayLiteralExpression(e)) return e.elements.length === 0;
  if (ts.isObjectLiteralExpression(e)) return e.properties.length === 0;
  if (isObjectCreateNull(e)) return true;
  if (ts.isStringLiteralLike(e)) return e.text === '';
  if (ts.isNewExpression(e)) return (e.arguments?.length ?? 0) === 0;
  if (e.kind === ts.SyntaxKind.NullKeyword) return true;
  return ts.isIdentifier(e) && e.text === 'undefined';
}

/** `x.slice(…)`, `x.filter(…)` of the same expression: a trimmed copy of it. */
function isTrimOf(right: ts.Expression, left: ts.Expression): boolean {
  return (
    ts.isCallExpression(right) &&
    ts.isPropertyAccessExpression(right.expression) &&
    ['slice', 'filter', 'splice', 'subarray'].includes(right.expression.name.text) &&
    sameExpression(right.expression.expression, left)
  );
}

export function isObjectCreateNull(e: ts.Expression): boolean {
  return (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.getText() === 'Object.create' &&
    e.arguments.length === 1 &&
    e.arguments[0]!.kind === ts.SyntaxKind.NullKeyword
  );
}

function literalKey(e: ts.Expression): boolean {
  e = unwrap(e);
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand));
}

function eventName(e: ts.Expression | undefined): string | undefined {
  return e && ts.isStringLiteralLike(e) ? e.text : undefined;
}

export function classify(node: ts.Node): Operation | undefined {
  if (ts.isCallExpression(node)) return classifyCall(node);
  if (ts.isBinaryExpression(node)) return classifyAssignment(node);
  if (ts.isDeleteExpression(node)) {
    const target = unwrap(node.expression);
    if (ts.isElementAccessExpression(target) || ts.isPropertyAccessExpression(target)) {
      return {
        type: 'bound',
        kind: 'delete',
        node,
        receiver: target.expression,
        empties: false,
        key: ts.isElementAccessExpression(target) ? target.argumentExpression : undefined,
      };
    }
  }
  return undefined;
}

function classifyCall(call: ts.CallExpression): Operation | undefined {
  const callee = unwrap(call.expression);
  const args = call.arguments;
  if (ts.isIdentifier(callee)) {
    if (callee.text === 'setInterval') return { type: 'growth', kind: 'interval', node: call, values: [...args] };
    if (callee.text === 'clearInterval') return { type: 'bound', kind: 'clear-interval', node: call, empties: false };
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = callee.expression;
  const method = callee.name.text;
  const growth = (kind: GrowthKind, values: ts.Expression[], extra: Partial<Growth> = {}): Growth => ({
    type: 'growth',
    kind,
    node: call,
    receiver,
    values,
    ...extra,
  });
  const bound = (kind: BoundKind, empties = false, extra: Partial<Bound> = {}): Bound => ({
    type: 'bound',
    kind,
    node: call,
    receiver,
    empties,
    ...extra,
  });
  switch (method) {
    case 'push':
    case 'unshift':
      return args.length ? growth(method, [...args]) : undefined;
    case 'splice':
      if (args.length > 2) return growth('splice', args.slice(2));
      return bound('splice-remove', args.length === 1 && literalZero(args[0]!));
    case 'set':
      return args.length === 2 ? growth('Map#set', [args[1]!], { key: args[0] }) : undefined;
    case 'add':
      return args.length === 1 ? growth('Set#add', [args[0]!]) : undefined;
    case 'delete':
      return args.length ? bound('delete', false, { key: args[0] }) : undefined;
    case 'clear':
      return args.length === 0 ? bound('clear', true) : undefined;
    case 'pop':
    case 'shift':
      return bound(method);
  }
  // `events.once(emitter, 'end')`, `EventEmitter.on(emitter, 'data')`: Node's static helpers take the emitter first.
  if (LISTEN.has(method) && args.length >= 2 && !ts.isStringLiteralLike(unwrap(args[1]!))) {
    return growth('listener', [args[1]!], { event: eventName(args[0]), once: method === 'once' || method === 'prependOnceListener' });
  }
  // `session.closed.then(…)`: a reaction kept by a promise that stays pending while its owner lives.
  if ((method === 'then' || method === 'catch' || method === 'finally') && args.length >= 1 && isLifetimePromise(receiver)) {
    return growth('continuation', [...args]);
  }
  if (UNLISTEN.has(method)) return bound('remove-listener', false, { event: eventName(args[0]) });
  return undefined;
}

/** Promises named for the end of their owner's life (`closed`, `done`, `exited`…) stay pending until then. */
const LIFETIME_PROMISE =
  /^(closed|onClose|done|finished|exited|ended|terminated|disconnected|stopped|shutdown|lost|gone|whenClosed|whenDone)$/;

function isLifetimePromise(receiver: ts.Expression): boolean {
  const e = unwrap(receiver);
  return ts.isPropertyAccessExpression(e) && LIFETIME_PROMISE.test(e.name.text);
}

function literalZero(e: ts.Expression): boolean {
  e = unwrap(e);
  return ts.isNumericLiteral(e) && e.text === '0';
}

function classifyAssignment(b: ts.BinaryExpression): Operation | undefined {
  const op = b.operatorToken.kind;
  const left = unwrap(b.left);
  const right = unwrap(b.right);
  if (op === ts.SyntaxKind.PlusEqualsToken) {
    return { type: 'growth', kind: 'string-append', node: b, receiver: left, values: [right] };
  }
  if (op !== ts.SyntaxKind.EqualsToken) return undefined;
  if (ts.isElementAccessExpression(left)) {
    const index = unwrap(left.argumentExpression);
    const appends =
      ts.isPropertyAccessExpression(index) && index.name.text === 'length' && sameExpression(index.expression, left.expression);
    if (appends) return { type: 'growth', kind: 'index-append', node: b, receiver: left.expression, values: [right] };
    // `x[k] = null`, `x[k] = x[k].slice(i)`: the entry is reset or trimmed, nothing is added.
    if (isFreshEmpty(right) || isTrimOf(right, left)) return undefined;
    if (!literalKey(index))
      return { type: 'growth', kind: 'computed-key', node: b, receiver: left.expression, values: [right], key: index };
    return undefined;
  }
  if (ts.isPropertyAccessExpression(left) && left.name.text === 'length') {
    return { type: 'bound', kind: 'truncate', node: b, receiver: left.expression, empties: literalZero(right) };
  }
  if (!ts.isIdentifier(left) && !ts.isPropertyAccessExpression(left)) return undefined;
  if (isFreshEmpty(right)) return { type: 'bound', kind: 'reset', node: b, receiver: left, empties: true };
  if (ts.isCallExpression(right) && ts.isPropertyAccessExpression(right.expression) && sameExpression(right.expression.expression, left)) {
    const m = right.expression.name.text;
    if (m === 'concat') return { type: 'growth', kind: 'concat', node: b, receiver: left, values: [...right.arguments] };
    if (m === 'slice' || m === 'filter' || m === 'splice') return { type: 'bound', kind: 'trim', node: b, receiver: left, empties: false };
  }
  if (ts.isArrayLiteralExpression(right) && right.elements.some((el) => ts.isSpreadElement(el) && sameExpression(el.expression, left))) {
    return { type: 'growth', kind: 'spread', node: b, receiver: left, values: right.elements.filter((el) => !ts.isSpreadElement(el)) };
  }
  return undefined;
}
