// Finds the long-lived handlers of a file: functions that run once per request for the server's whole life
// (registered, returned by a handler factory, or members of a singleton middleware/controller class).
import ts from 'typescript';
import type { RelatedLocation } from '../findings/model';
import type { LintConfig } from './lintConfig';
import { isFunctionLike, type Resolver } from './scopes';
import { classify, unwrap } from './operations';
import { isHandlerShaped, isHandlerType, registeredArguments, returnsHandlerType, calleeName } from './shapes';
import { receiverKind } from './routers';
import { isInTestCallback } from './testCode';
import { leakyDefaultStore, type DefaultStore } from './defaultStores';
import { classOfArrow, thisArrowMember } from './thisBinding';

export interface Handler {
  fn: ts.FunctionLikeDeclaration;
  /** How messages refer to it: "the handler returned by `requestLogger`". */
  description: string;
  /** Short name for `Finding.handler`: the factory, class member or function name. */
  owner: string;
  /** Where it becomes long-lived (registration call, factory, class), for a related location. */
  origin: { node: ts.Node; message: string };
  /** Set when the handler is a member of a singleton class: its `this.*` fields are long-lived. */
  classNode?: ts.ClassLikeDeclaration;
  /** The same for a pre-class constructor function (`this.init = function (req, res) {…}`, `C.prototype.x = …`). */
  constructorFn?: ts.FunctionDeclaration | ts.FunctionExpression;
  /** For a function a handler of another module calls: the registration and the calls that lead here. */
  via?: RelatedLocation[];
}

export function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) {
    const cls = ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
    return cls ? `${cls}.${fn.name.text}` : fn.name.text;
  }
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  // `exports.list = (req, res) => …`
  if (p && ts.isBinaryExpression(p) && p.right === fn && ts.isPropertyAccessExpression(p.left) && p.left.name.text !== 'exports')
    return p.left.name.text;
  return undefined;
}

/** The function a registration argument or a call's callee stands for, when it is declared in this file. */
export function functionOf(e: ts.Node, resolver: Resolver): ts.FunctionLikeDeclaration | undefined {
  if (isFunctionLike(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const decl = resolver.resolve(e);
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl.node)) return decl.node;
  if (ts.isVariableDeclaration(decl.node) && decl.node.initializer) {
    // `var send = exports.send = function (…) {…}`: the function at the end of an assignment chain.
    let init = unwrap(decl.node.initializer);
    while (ts.isBinaryExpression(init) && init.operatorToken.kind === ts.SyntaxKind.EqualsToken) init = unwrap(init.right);
    if (isFunctionLike(init)) return init;
  }
  return undefined;
}

/** The kinds the first walk switches on, read once (`ts.SyntaxKind` is a plain object, not a const enum). */
const K = {
  ReturnStatement: ts.SyntaxKind.ReturnStatement,
  CallExpression: ts.SyntaxKind.CallExpression,
  ClassDeclaration: ts.SyntaxKind.ClassDeclaration,
  ClassExpression: ts.SyntaxKind.ClassExpression,
  VariableDeclaration: ts.SyntaxKind.VariableDeclaration,
  VariableDeclarationList: ts.SyntaxKind.VariableDeclarationList,
  ModuleBlock: ts.SyntaxKind.ModuleBlock,
  BinaryExpression: ts.SyntaxKind.BinaryExpression,
  ExportAssignment: ts.SyntaxKind.ExportAssignment,
} as const;
const BLOCK_SCOPED = ts.NodeFlags.Let | ts.NodeFlags.Const;

const NEST_MIDDLEWARE = 'NestMiddleware';
const CONTROLLER_DECORATORS = new Set(['Controller', 'Resolver', 'WebSocketGateway']);

export class HandlerFinder {
  private readonly handlers = new Map<ts.Node, Handler>();
  /** Closures each function returns (directly or through a local), collected in the same walk. */
  private readonly returned = new Map<ts.FunctionLikeDeclaration, ts.Expression[]>();
  /** Factories called inside a registration: all their returned closures are handlers. */
  private readonly registeredFactories: { fn: ts.FunctionLikeDeclaration; call: ts.CallExpression }[] = [];
  /** Functions run by timers (`setInterval`, `setTimeout`, `setImmediate`): places where bounds may live. */
  readonly timerCallbacks: ts.FunctionLikeDeclaration[] = [];
  /** `x.closed.then(…)`-like calls anywhere in the file (judged per call, see engine.ts). */
  readonly continuationCalls: ts.CallExpression[] = [];
  /** Middleware registered with its default store, which keeps one entry per client (see defaultStores.ts). */
  readonly defaultStores: { call: ts.CallExpression; registration: ts.CallExpression; store: DefaultStore }[] = [];

  constructor(
    private readonly resolver: Resolver,
    private readonly config: LintConfig,
  ) {}

  find(sourceFile: ts.SourceFile): Handler[] {
    const { functions, calls, classes, typed, exported, defaultExports } = this.collect(sourceFile);
    for (const fn of functions) this.visitFunction(fn);
    for (const assignment of exported)
      this.visitServerless((assignment.left as ts.PropertyAccessExpression).name.text, assignment.right, assignment);
    for (const s of sourceFile.statements) {
      if (!ts.isVariableStatement(s) || !isExported(s)) continue;
      for (const d of s.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer) this.visitServerless(d.name.text, d.initializer, d);
    }
    for (const e of defaultExports) this.visitDefaultExport(e);
    for (const call of calls) this.visitCall(call);
    for (const cls of classes) this.visitClass(cls);
    for (const v of typed) this.visitTyped(v);
    // Registrations first: the registration is the more useful related location.
    for (const { fn: factory, call } of this.registeredFactories) {
      for (const e of this.returned.get(factory) ?? []) {
        const fn = this.returnedFunction(e, factory);
        if (fn) this.addFactoryHandler(fn, factory, call);
      }
    }
    for (const [factory, exprs] of this.returned) {
      const isFactory = returnsHandlerType(factory);
      for (const e of exprs) {
        const fn = this.returnedFunction(e, factory);
        if (fn && (isFactory || isHandlerShaped(fn) || this.config.reportAllReturnedClosures)) this.addFactoryHandler(fn, factory);
      }
    }
    return [...this.handlers.values()];
  }

  private add(fn: ts.FunctionLikeDeclaration, h: Omit<Handler, 'fn'>): void {
    if (this.handlers.has(fn) || (!this.config.includeTests && isInTestCallback(fn))) return;
    this.handlers.set(fn, { fn, ...h });
  }

  private addFactoryHandler(fn: ts.FunctionLikeDeclaration, factory: ts.FunctionLikeDeclaration, call?: ts.CallExpression): void {
    const name = functionName(factory) ?? 'an anonymous factory';
    const shown = functionName(factory) ? `\`${name}\`` : name;
    this.add(fn, {
      description: `the handler returned by ${shown}`,
      owner: name,
      origin: call
        ? { node: call, message: `the handler made by ${shown} is registered here, for the life of the server` }
        : {
            node: factory.name ?? factory,
            message: `${shown} returns the handler; each call's closure lives as long as the server keeps the handler`,
          },
    });
  }

  private returnedFunction(e: ts.Expression, factory: ts.FunctionLikeDeclaration): ts.FunctionLikeDeclaration | undefined {
    const fn = functionOf(unwrap(e), this.resolver);
    // A local named function or variable must belong to the factory, or the factory returns something shared.
    return fn && (fn === unwrap(e) || (fn.pos >= factory.pos && fn.end <= factory.end)) ? fn : undefined;
  }

  /**
   * One pass over the file that also sets every node's `parent` (cheaper than asking the parser to), recording
   * what the handler search needs and every `var` list with the scope it hoists to (for the resolver); the
   * search itself runs afterwards, when parents are complete.
   */
  private collect(sourceFile: ts.SourceFile): {
    functions: ts.FunctionLikeDeclaration[];
    calls: ts.CallExpression[];
    classes: ts.ClassLikeDeclaration[];
    typed: ts.VariableDeclaration[];
    exported: ts.BinaryExpression[];
    defaultExports: ts.ExportAssignment[];
  } {
    const functions: ts.FunctionLikeDeclaration[] = [];
    const calls: ts.CallExpression[] = [];
    const classes: ts.ClassLikeDeclaration[] = [];
    const typed: ts.VariableDeclaration[] = [];
    const exported: ts.BinaryExpression[] = [];
    const defaultExports: ts.ExportAssignment[] = [];
    let parent: ts.Node = sourceFile;
    let enclosing: ts.FunctionLikeDeclaration | undefined;
    /** Where a `var` here belongs: the function, namespace or file; none inside a class body outside methods. */
    let varScope: ts.Node | undefined = sourceFile;
    const visit = (node: ts.Node): void => {
      (node as { parent: ts.Node }).parent = parent;
      const outerEnclosing = enclosing;
      const outerVarScope = varScope;
      if (isFunctionLike(node)) {
        functions.push(node);
        enclosing = varScope = node;
        if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) this.recordReturn(node, node.body);
      } else {
        switch (node.kind) {
          case K.ReturnStatement: {
            const e = (node as ts.ReturnStatement).expression;
            if (e && enclosing) this.recordReturn(enclosing, e);
            break;
          }
          case K.CallExpression:
            calls.push(node as ts.CallExpression);
            break;
          case K.BinaryExpression:
            if (isExportAssignment(node as ts.BinaryExpression)) exported.push(node as ts.BinaryExpression);
            break;
          case K.ExportAssignment:
            defaultExports.push(node as ts.ExportAssignment);
            break;
          case K.ClassDeclaration:
          case K.ClassExpression:
            classes.push(node as ts.ClassLikeDeclaration);
            varScope = undefined;
            break;
          case K.ModuleBlock:
            varScope = node;
            break;
          case K.VariableDeclaration:
            if ((node as ts.VariableDeclaration).type && (node as ts.VariableDeclaration).initializer)
              typed.push(node as ts.VariableDeclaration);
            break;
          case K.VariableDeclarationList:
            if (varScope && !(node.flags & BLOCK_SCOPED)) this.resolver.recordVar(varScope, node as ts.VariableDeclarationList);
            break;
        }
      }
      const outerParent = parent;
      parent = node;
      ts.forEachChild(node, visit);
      parent = outerParent;
      enclosing = outerEnclosing;
      varScope = outerVarScope;
    };
    ts.forEachChild(sourceFile, visit);
    return { functions, calls, classes, typed, exported, defaultExports };
  }

  private visitTyped(node: ts.VariableDeclaration): void {
    if (!isHandlerType(node.type)) return;
    const fn = functionOf(unwrap(node.initializer!), this.resolver);
    const name = node.name.getText();
    if (fn)
      this.add(fn, {
        description: `the handler \`${name}\``,
        owner: name,
        origin: { node: node.name, message: `declared as a ${node.type!.getText()}` },
      });
  }

  private recordReturn(fn: ts.FunctionLikeDeclaration, e: ts.Expression): void {
    const list = this.returned.get(fn);
    if (list) list.push(e);
    else this.returned.set(fn, [e]);
  }

  /** Handler-shaped functions declared at module level run per request once exported or registered elsewhere. */
  private visitFunction(fn: ts.FunctionLikeDeclaration): void {
    const statement = ts.isFunctionDeclaration(fn) ? fn : fn.parent?.parent?.parent;
    const topLevel =
      statement?.parent !== undefined &&
      ts.isSourceFile(statement.parent) &&
      (ts.isFunctionDeclaration(fn) || (ts.isVariableStatement(statement) && ts.isVariableDeclaration(fn.parent)));
    if (topLevel && isExported(statement!) && isServerlessName(functionName(fn)) && !takesHandler(fn)) {
      const name = functionName(fn)!;
      this.add(fn, {
        description: `the serverless handler \`${name}\``,
        owner: name,
        origin: {
          node: fn.name ?? fn,
          message: `\`${name}\` is exported as a serverless handler: a warm instance runs it for many events`,
        },
      });
    } else if ((topLevel || isExportedValue(fn)) && isHandlerShaped(fn)) {
      const name = functionName(fn) ?? (topLevel ? 'handler' : 'module.exports');
      this.add(fn, {
        description: `the handler \`${name}\``,
        owner: name,
        origin: { node: fn.name ?? fn, message: `\`${name}\` is a module-level request handler` },
      });
    } else {
      // `const getUsers = catchAsync(async (req, res) => …)`, `export const m = createMiddleware(async (c, next) => …)`
      const wrapper = isHandlerShaped(fn) ? wrappingCall(fn) : undefined;
      if (wrapper && isModuleLevelValue(wrapper)) {
        const name = functionName(wrapper) ?? 'module.exports';
        this.add(fn, {
          description: `the handler \`${name}\``,
          owner: name,
          origin: {
            node: wrapper,
            message: `\`${name}\` is a module-level request handler, wrapped by \`${wrapper.expression.getText().slice(0, 40)}\``,
          },
        });
      } else this.visitConstructorMember(fn);
    }
  }

  /**
   * A handler-shaped member of a constructor function, the classes of pre-ES2015 code: `this.init = function
   * (req, res) {…}.bind(this)` in its body, or `SSE.prototype.init = function (req, res) {…}`. Like a class's
   * member (see visitClass), one instance serves every request, so its `this` is long-lived.
   */
  private visitConstructorMember(fn: ts.FunctionLikeDeclaration): void {
    if (!ts.isFunctionExpression(fn) || !isHandlerShaped(fn)) return;
    let e: ts.Node = fn;
    for (;;) {
      const p = e.parent;
      if (p && ts.isParenthesizedExpression(p)) e = p;
      else if (p && isBindThis(p, e)) e = p.parent!;
      else break;
    }
    const assignment = e.parent;
    if (!assignment || !ts.isBinaryExpression(assignment) || assignment.right !== e) return;
    if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(assignment.left)) return;
    const member = assignment.left.name.text;
    const owner = unwrap(assignment.left.expression);
    let ctor: ts.FunctionDeclaration | ts.FunctionExpression | undefined;
    if (owner.kind === ts.SyntaxKind.ThisKeyword) {
      // `this.init = …` directly in the constructor's body.
      const body = assignment.parent?.parent;
      const enclosing = body && ts.isBlock(body) ? body.parent : undefined;
      if (enclosing && (ts.isFunctionDeclaration(enclosing) || ts.isFunctionExpression(enclosing))) ctor = enclosing;
    } else if (ts.isPropertyAccessExpression(owner) && owner.name.text === 'prototype' && ts.isIdentifier(owner.expression)) {
      const fnOfOwner = functionOf(owner.expression, this.resolver);
      if (fnOfOwner && (ts.isFunctionDeclaration(fnOfOwner) || ts.isFunctionExpression(fnOfOwner))) ctor = fnOfOwner;
    }
    if (!ctor) return;
    const ctorName = functionName(ctor) ?? 'constructor';
    this.add(fn, {
      description: `\`${ctorName}.${member}\``,
      owner: `${ctorName}.${member}`,
      origin: { node: ctor.name ?? ctor, message: `\`${ctorName}\` makes request handlers: one instance serves every request` },
      constructorFn: ctor,
    });
  }

  /** A function that a handler in another module calls (directly or through a chain): its growth is on that request path. */
  reachedHandler(fn: ts.FunctionLikeDeclaration, name: string, via: RelatedLocation[]): Handler {
    const existing = this.handlers.get(fn);
    if (existing) {
      // Reached again after the calling file changed: the chain is the new one.
      if (existing.via) existing.via = via;
      return existing;
    }
    const handler: Handler = {
      fn,
      description: `\`${name}\`, called on the request path of a handler in another module,`,
      owner: name,
      origin: { node: fn.name ?? fn, message: `\`${name}\` runs on every request of the handler that calls it` },
      via,
    };
    this.handlers.set(fn, handler);
    return handler;
  }

  private visitCall(call: ts.CallExpression): void {
    const name = calleeName(call);
    if ((name === 'then' || name === 'catch' || name === 'finally') && classify(call)?.type === 'growth') this.continuationCalls.push(call);
    if (name === 'setInterval' || name === 'setTimeout' || name === 'setImmediate') {
      const fn = call.arguments[0] && functionOf(unwrap(call.arguments[0]), this.resolver);
      if (fn) this.timerCallbacks.push(fn);
      return;
    }
    const args = registeredArguments(call, (receiver) => receiverKind(receiver, this.resolver));
    if (!args) return;
    const where = `\`${call.expression.getText().slice(0, 60)}\``;
    for (const arg of args) {
      const e = ts.isMethodDeclaration(arg) ? arg : unwrap(arg as ts.Expression);
      if (ts.isCallExpression(e)) {
        const factory = functionOf(unwrap(e.expression), this.resolver);
        if (factory) this.registeredFactories.push({ fn: factory, call });
        else this.visitWrapped(e, call, where);
        const store = leakyDefaultStore(e, this.resolver);
        if (store && (this.config.includeTests || !isInTestCallback(call))) this.defaultStores.push({ call: e, registration: call, store });
        continue;
      }
      const method = ts.isPropertyAccessExpression(e) ? this.singletonMethod(e) : undefined;
      if (method) {
        const owner = `${method.cls.name?.text ?? 'class'}.${method.fn.name.getText()}`;
        this.add(method.fn, {
          description: `\`${owner}\`, a method of a singleton instance, registered with ${where}`,
          owner,
          origin: {
            node: call,
            message: `registered here with ${where}: one instance serves every request, so its \`this\` lives as long as the server`,
          },
          classNode: method.cls,
        });
        continue;
      }
      const member = ts.isMethodDeclaration(e) ? undefined : thisArrowMember(e);
      const fn = member?.fn ?? functionOf(e, this.resolver);
      if (!fn) continue;
      const name = functionName(fn);
      this.add(fn, {
        description: name ? `the handler \`${name}\` registered with ${where}` : `the handler registered with ${where}`,
        owner: name ?? call.expression.getText().slice(0, 60),
        origin: { node: call, message: `registered here with ${where}: it runs on every request for the life of the server` },
        // An arrow registered from a class member keeps that instance as its `this`: the server holds the
        // handler, the handler the instance, so the instance lives as long as the server.
        classNode: member?.cls ?? classOfArrow(fn),
      });
    }
  }

  /** `router.get('/', asyncHandler(async (req, res) => …))`: a wrapper we cannot see into runs the handler it wraps. */
  private visitWrapped(wrapper: ts.CallExpression, call: ts.CallExpression, where: string): void {
    for (const arg of wrapper.arguments) {
      const e = unwrap(arg);
      if (ts.isCallExpression(e)) this.visitWrapped(e, call, where);
      else if (isFunctionLike(e) && isHandlerShaped(e))
        this.add(e, {
          description: `the handler wrapped by \`${wrapper.expression.getText().slice(0, 40)}\` and registered with ${where}`,
          owner: functionName(e) ?? wrapper.expression.getText().slice(0, 40),
          origin: { node: call, message: `registered here with ${where}: it runs on every request for the life of the server` },
        });
    }
  }

  /** `sse.init` where `const sse = new SSE()` and `class SSE` is in this file: the method, and its class. */
  private singletonMethod(e: ts.PropertyAccessExpression): { fn: ts.MethodDeclaration; cls: ts.ClassLikeDeclaration } | undefined {
    const target = unwrap(e.expression);
    if (!ts.isIdentifier(target)) return undefined;
    const decl = this.resolver.resolve(target);
    if (!decl || !ts.isVariableDeclaration(decl.node) || !decl.node.initializer) return undefined;
    const init = unwrap(decl.node.initializer);
    if (!ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return undefined;
    const clsDecl = this.resolver.resolve(init.expression);
    const cls = clsDecl && ts.isClassLike(clsDecl.node) ? clsDecl.node : undefined;
    const fn = cls?.members.find(
      (m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === e.name.text && !!m.body,
    );
    return fn && cls ? { fn, cls } : undefined;
  }

  /** `exports.handler = …`, `module.exports.handler = middy(fn)`: a serverless entry, maybe wrapped. */
  private visitServerless(name: string, right: ts.Expression, origin: ts.Node): void {
    if (!isServerlessName(name)) return;
    for (const fn of wrappedFunctions(right, this.resolver)) {
      this.add(fn, {
        description: `the serverless handler \`${name}\``,
        owner: name,
        origin: { node: origin, message: `exported as the serverless handler \`${name}\`: a warm instance runs it for many events` },
      });
    }
  }

  /** `export default { fetch(req, env, ctx) { … } }` (Bun, Cloudflare Workers, Deno). */
  private visitDefaultExport(e: ts.ExportAssignment): void {
    const object = unwrap(e.expression);
    if (!ts.isObjectLiteralExpression(object)) return;
    for (const p of object.properties) {
      if (!p.name || !ts.isIdentifier(p.name) || p.name.text !== 'fetch') continue;
      const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) ? functionOf(unwrap(p.initializer), this.resolver) : undefined;
      if (fn)
        this.add(fn, {
          description: 'the `fetch` handler of the default export',
          owner: 'fetch',
          origin: { node: p, message: "the default export's `fetch` serves every request for the life of the server" },
        });
    }
  }

  /** NestJS middleware (`use`), controller methods, and handler-shaped members: the class is a singleton. */
  private visitClass(cls: ts.ClassLikeDeclaration): void {
    const className = cls.name?.text ?? 'anonymous class';
    const isMiddleware = cls.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText().endsWith(NEST_MIDDLEWARE))) ?? false;
    const isController =
      ts.getDecorators(cls)?.some((d) => {
        const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
        return ts.isIdentifier(e) && CONTROLLER_DECORATORS.has(e.text);
      }) ?? false;
    for (const member of cls.members) {
      const fn = ts.isMethodDeclaration(member)
        ? member
        : ts.isPropertyDeclaration(member) && member.initializer && isFunctionLike(unwrap(member.initializer))
          ? (unwrap(member.initializer) as ts.FunctionLikeDeclaration)
          : undefined;
      if (!fn || !fn.body) continue;
      const memberName = member.name && ts.isIdentifier(member.name) ? member.name.text : 'member';
      const isUse = isMiddleware && memberName === 'use';
      if (!isUse && !isController && !isHandlerShaped(fn)) continue;
      const kind = isUse ? 'NestJS middleware' : isController ? 'controller' : 'middleware class';
      this.add(fn, {
        description: `\`${className}.${memberName}\``,
        owner: `${className}.${memberName}`,
        origin: { node: cls.name ?? cls, message: `\`${className}\` is a ${kind}: one instance serves every request` },
        classNode: cls,
      });
    }
  }
}

/** `fn.bind(this)` seen from `fn`: the call, whose value is the function bound to the instance. */
export function isBindThis(parent: ts.Node, child: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === child &&
    parent.name.text === 'bind' &&
    !!parent.parent &&
    ts.isCallExpression(parent.parent) &&
    parent.parent.expression === parent &&
    parent.parent.arguments[0]?.kind === ts.SyntaxKind.ThisKeyword
  );
}

/** Names serverless platforms call: AWS Lambda's `handler`, Netlify's, Vercel's, Azure's `main`/`run`. */
function isServerlessName(name: string | undefined): boolean {
  return name === 'handler' || name === 'main' || (name !== undefined && /^[a-z]\w*Handler$/.test(name) && !HANDLER_VERB.test(name));
}

/**
 * `addEventHandler`, `registerHandler`: names of what registers a handler, not of one. `getHandler` and
 * `createHandler` stay: CRUD functions are named so too, and their parameters tell (see `takesHandler`).
 */
const HANDLER_VERB = /^(add|register|unregister|remove|set|install|attach|detach|use|on|off)[A-Z]/;

/** `function createHandler(handler, options)`: a function that takes a handler wraps or stores it. */
function takesHandler(fn: ts.FunctionLikeDeclaration): boolean {
  return fn.parameters.some((p) => ts.isIdentifier(p.name) && /^(handler|handlers|listener|fn|middleware)$/.test(p.name.text));
}

/**
 * `exports.list = (req, res) => …`, `module.exports = function (req, res, next) …`, and the members of
 * `module.exports = { find(req, res) … }` or `export default { … }` (controllers, policies): exported at module level.
 */
function isExportedValue(fn: ts.Node): boolean {
  let value: ts.Node = fn;
  if (ts.isMethodDeclaration(fn) || ts.isPropertyAssignment(fn.parent)) {
    const object = ts.isMethodDeclaration(fn) ? fn.parent : fn.parent.parent;
    if (!ts.isObjectLiteralExpression(object)) return false;
    if (ts.isExportAssignment(object.parent)) return ts.isSourceFile(object.parent.parent);
    value = object;
  }
  const assignment = value.parent;
  if (!assignment || !ts.isBinaryExpression(assignment) || assignment.right !== value) return false;
  const statement = assignment.parent;
  if (!ts.isExpressionStatement(statement) || !ts.isSourceFile(statement.parent)) return false;
  const left = unwrap(assignment.left);
  return (
    isExportAssignment(assignment) ||
    (ts.isPropertyAccessExpression(left) &&
      left.name.text === 'exports' &&
      ts.isIdentifier(left.expression) &&
      left.expression.text === 'module')
  );
}

/** The outermost call that wraps `fn` as an argument (`wrap(auth(fn))`), if any. */
function wrappingCall(fn: ts.Node): ts.CallExpression | undefined {
  let call: ts.CallExpression | undefined;
  for (let n = fn; ts.isCallExpression(n.parent) && n.parent.arguments.includes(n as ts.Expression); n = n.parent) call = n.parent;
  return call;
}

/** A top-level `const x = value` or an exported value. */
function isModuleLevelValue(value: ts.Node): boolean {
  const decl = value.parent;
  if (ts.isVariableDeclaration(decl) && decl.initializer === value)
    return ts.isVariableStatement(decl.parent.parent) && ts.isSourceFile(decl.parent.parent.parent);
  return isExportedValue(value);
}

/** `exports.x = …` or `module.exports.x = …`. */
function isExportAssignment(b: ts.BinaryExpression): boolean {
  if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left)) return false;
  const target = b.left.expression;
  return (
    (ts.isIdentifier(target) && target.text === 'exports') ||
    (ts.isPropertyAccessExpression(target) &&
      target.name.text === 'exports' &&
      ts.isIdentifier(target.expression) &&
      target.expression.text === 'module')
  );
}

function isExported(statement: ts.Node): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** The functions an exported value runs: itself, or those a wrapper such as `middy(fn).use(…)` was given. */
function wrappedFunctions(e: ts.Expression, resolver: Resolver, depth = 0): ts.FunctionLikeDeclaration[] {
  e = unwrap(e);
  const fn = functionOf(e, resolver);
  if (fn) return [fn];
  if (depth > 3 || !ts.isCallExpression(e)) return [];
  const callee = unwrap(e.expression);
  const fromChain = ts.isPropertyAccessExpression(callee) ? wrappedFunctions(callee.expression, resolver, depth + 1) : [];
  return [...fromChain, ...e.arguments.flatMap((a) => wrappedFunctions(a, resolver, depth + 1))];
}
