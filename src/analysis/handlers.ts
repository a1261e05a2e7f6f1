// Finds the long-lived handlers of a file: functions that run once per request for the server's whole life
// (registered, returned by a handler factory, or members of a singleton middleware/controller class).
import ts from 'typescript';
import type { LintConfig } from './types';
import { isFunctionLike, type Resolver } from './scopes';
import { unwrap } from './operations';
import { isHandlerShaped, isHandlerType, registeredArguments, returnsHandlerType, calleeName } from './shapes';

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
}

export function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) {
    const cls = ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
    return cls ? `${cls}.${fn.name.text}` : fn.name.text;
  }
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** The function a registration argument or a call's callee stands for, when it is declared in this file. */
export function functionOf(e: ts.Node, resolver: Resolver): ts.FunctionLikeDeclaration | undefined {
  if (isFunctionLike(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const decl = resolver.resolve(e);
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl.node)) return decl.node;
  if (ts.isVariableDeclaration(decl.node) && decl.node.initializer && decl.kind === 'const') {
    const init = unwrap(decl.node.initializer);
    if (isFunctionLike(init)) return init;
  }
  return undefined;
}

/** The kinds the first walk switches on, read once (`ts.SyntaxKind` is a plain object, not a const enum). */
const K = {
  ReturnStatement: ts.SyntaxKind.ReturnStatement, CallExpression: ts.SyntaxKind.CallExpression,
  ClassDeclaration: ts.SyntaxKind.ClassDeclaration, ClassExpression: ts.SyntaxKind.ClassExpression,
  VariableDeclaration: ts.SyntaxKind.VariableDeclaration, VariableDeclarationList: ts.SyntaxKind.VariableDeclarationList,
  ModuleBlock: ts.SyntaxKind.ModuleBlock,
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

  constructor(private readonly resolver: Resolver, private readonly config: LintConfig) {}

  find(sourceFile: ts.SourceFile): Handler[] {
    const { functions, calls, classes, typed } = this.collect(sourceFile);
    for (const fn of functions) this.visitFunction(fn);
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
    if (!this.handlers.has(fn)) this.handlers.set(fn, { fn, ...h });
  }

  private addFactoryHandler(fn: ts.FunctionLikeDeclaration, factory: ts.FunctionLikeDeclaration, call?: ts.CallExpression): void {
    const name = functionName(factory) ?? 'an anonymous factory';
    const shown = functionName(factory) ? `\`${name}\`` : name;
    this.add(fn, {
      description: `the handler returned by ${shown}`,
      owner: name,
      origin: call
        ? { node: call, message: `the handler made by ${shown} is registered here, for the life of the server` }
        : { node: factory.name ?? factory, message: `${shown} returns the handler; each call's closure lives as long as the server keeps the handler` },
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
  private collect(sourceFile: ts.SourceFile): { functions: ts.FunctionLikeDeclaration[]; calls: ts.CallExpression[]; classes: ts.ClassLikeDeclaration[]; typed: ts.VariableDeclaration[] } {
    const functions: ts.FunctionLikeDeclaration[] = [];
    const calls: ts.CallExpression[] = [];
    const classes: ts.ClassLikeDeclaration[] = [];
    const typed: ts.VariableDeclaration[] = [];
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
          case K.CallExpression: calls.push(node as ts.CallExpression); break;
          case K.ClassDeclaration: case K.ClassExpression:
            classes.push(node as ts.ClassLikeDeclaration);
            varScope = undefined;
            break;
          case K.ModuleBlock: varScope = node; break;
          case K.VariableDeclaration:
            if ((node as ts.VariableDeclaration).type && (node as ts.VariableDeclaration).initializer) typed.push(node as ts.VariableDeclaration);
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
    return { functions, calls, classes, typed };
  }

  private visitTyped(node: ts.VariableDeclaration): void {
    if (!isHandlerType(node.type)) return;
    const fn = functionOf(unwrap(node.initializer!), this.resolver);
    const name = node.name.getText();
    if (fn) this.add(fn, { description: `the handler \`${name}\``, owner: name, origin: { node: node.name, message: `declared as a ${node.type!.getText()}` } });
  }

  private recordReturn(fn: ts.FunctionLikeDeclaration, e: ts.Expression): void {
    const list = this.returned.get(fn);
    if (list) list.push(e);
    else this.returned.set(fn, [e]);
  }

  /** Handler-shaped functions declared at module level run per request once exported or registered elsewhere. */
  private visitFunction(fn: ts.FunctionLikeDeclaration): void {
    const statement = ts.isFunctionDeclaration(fn) ? fn : fn.parent?.parent?.parent;
    const topLevel = statement?.parent !== undefined && ts.isSourceFile(statement.parent) &&
      (ts.isFunctionDeclaration(fn) || (ts.isVariableStatement(statement) && ts.isVariableDeclaration(fn.parent)));
    if (topLevel && isHandlerShaped(fn)) {
      const name = functionName(fn) ?? 'handler';
      this.add(fn, { description: `the handler \`${name}\``, owner: name, origin: { node: fn.name ?? fn, message: `\`${name}\` is a module-level request handler` } });
    }
  }

  private visitCall(call: ts.CallExpression): void {
    const name = calleeName(call);
    if (name === 'setInterval' || name === 'setTimeout' || name === 'setImmediate') {
      const fn = call.arguments[0] && functionOf(unwrap(call.arguments[0]), this.resolver);
      if (fn) this.timerCallbacks.push(fn);
      return;
    }
    const args = registeredArguments(call);
    if (!args) return;
    const where = `\`${call.expression.getText().slice(0, 60)}\``;
    for (const arg of args) {
      const e = ts.isMethodDeclaration(arg) ? arg : unwrap(arg as ts.Expression);
      if (ts.isCallExpression(e)) {
        const factory = functionOf(unwrap(e.expression), this.resolver);
        if (factory) this.registeredFactories.push({ fn: factory, call });
        continue;
      }
      const fn = functionOf(e, this.resolver);
      if (!fn) continue;
      const name = functionName(fn);
      this.add(fn, {
        description: name ? `the handler \`${name}\` registered with ${where}` : `the handler registered with ${where}`,
        owner: name ?? call.expression.getText().slice(0, 60),
        origin: { node: call, message: `registered here with ${where}: it runs on every request for the life of the server` },
      });
    }
  }

  /** NestJS middleware (`use`), controller methods, and handler-shaped members: the class is a singleton. */
  private visitClass(cls: ts.ClassLikeDeclaration): void {
    const className = cls.name?.text ?? 'anonymous class';
    const isMiddleware = cls.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText().endsWith(NEST_MIDDLEWARE))) ?? false;
    const isController = ts.getDecorators(cls)?.some((d) => {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      return ts.isIdentifier(e) && CONTROLLER_DECORATORS.has(e.text);
    }) ?? false;
    for (const member of cls.members) {
      const fn = ts.isMethodDeclaration(member) ? member
        : ts.isPropertyDeclaration(member) && member.initializer && isFunctionLike(unwrap(member.initializer)) ? unwrap(member.initializer) as ts.FunctionLikeDeclaration
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
