// A small lexical resolver: "which declaration does this identifier name?" — enough to tell bindings of a
// handler from long-lived ones outside it, with shadowing and `var` hoisting respected.
import ts from 'typescript';

export type DeclarationKind = 'var' | 'let' | 'const' | 'param' | 'function' | 'class' | 'import' | 'catch';

export interface Declaration {
  name: string;
  /** The identifier that declares the name. */
  id: ts.Identifier;
  /** The declaring node: VariableDeclaration, ParameterDeclaration, FunctionDeclaration, ImportSpecifier… */
  node: ts.Node;
  kind: DeclarationKind;
  /** The scope node it belongs to (function-like, block, source file, loop, catch clause). */
  scope: ts.Node;
}

/** Filled by the analysis's one walk over the file (HandlerFinder.collect) before anything is resolved. */
export class Resolver {
  private readonly scopes = new Map<ts.Node, Map<string, Declaration>>();
  /** `var` lists by the function, namespace or file they hoist to, in source order. */
  private readonly vars = new Map<ts.Node, ts.VariableDeclarationList[]>();

  recordVar(scope: ts.Node, list: ts.VariableDeclarationList): void {
    const lists = this.vars.get(scope);
    if (lists) lists.push(list);
    else this.vars.set(scope, [list]);
  }

  resolve(id: ts.Identifier): Declaration | undefined {
    for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
      if (!isScope(node)) continue;
      const found = this.declarationsOf(node).get(id.text);
      if (found) return found;
    }
    return undefined;
  }

  private declarationsOf(scope: ts.Node): Map<string, Declaration> {
    let names = this.scopes.get(scope);
    if (!names) {
      names = collect(scope, this.vars.get(scope) ?? []);
      this.scopes.set(scope, names);
    }
    return names;
  }
}

/** A table by SyntaxKind: this test runs on every node of every file, and `ts.SyntaxKind` is no const enum. */
const FUNCTION_KINDS = new Uint8Array(1024);
for (const k of [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
])
  FUNCTION_KINDS[k] = 1;

export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return FUNCTION_KINDS[node.kind] === 1;
}

function isScope(node: ts.Node): boolean {
  if (ts.isBlock(node)) return !isFunctionLike(node.parent); // a function body's names belong to the function
  return (
    isFunctionLike(node) ||
    ts.isSourceFile(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isForStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isCatchClause(node) ||
    ts.isClassExpression(node)
  );
}

function collect(scope: ts.Node, hoistedVars: readonly ts.VariableDeclarationList[]): Map<string, Declaration> {
  const names = new Map<string, Declaration>();
  const add = (id: ts.Identifier, node: ts.Node, kind: DeclarationKind): void => {
    if (!names.has(id.text)) names.set(id.text, { name: id.text, id, node, kind, scope });
  };
  if (isFunctionLike(scope)) {
    if (ts.isFunctionExpression(scope) && scope.name) add(scope.name, scope, 'function');
    for (const p of scope.parameters) forEachBindingName(p.name, (id) => add(id, p, 'param'));
    if (scope.body && ts.isBlock(scope.body)) addStatements(scope.body.statements, add);
    for (const list of hoistedVars) addDeclarationList(list, add);
  } else if (ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
    addStatements(scope.statements, add);
    for (const list of hoistedVars) addDeclarationList(list, add);
  } else if (ts.isBlock(scope)) {
    addStatements(scope.statements, add);
  } else if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) addStatements(clause.statements, add);
  } else if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) addDeclarationList(init, add);
  } else if (ts.isCatchClause(scope)) {
    const v = scope.variableDeclaration;
    if (v) forEachBindingName(v.name, (id) => add(id, v, 'catch'));
  } else if (ts.isClassExpression(scope) && scope.name) {
    add(scope.name, scope, 'class');
  }
  return names;
}

type Add = (id: ts.Identifier, node: ts.Node, kind: DeclarationKind) => void;

function addStatements(statements: ts.NodeArray<ts.Statement>, add: Add): void {
  for (const s of statements) {
    if (ts.isVariableStatement(s)) addDeclarationList(s.declarationList, add);
    else if (ts.isFunctionDeclaration(s) && s.name) add(s.name, s, 'function');
    else if (ts.isClassDeclaration(s) && s.name) add(s.name, s, 'class');
    else if (ts.isImportDeclaration(s) && s.importClause) addImport(s.importClause, add);
    else if (ts.isImportEqualsDeclaration(s)) add(s.name, s, 'import');
  }
}

function addImport(clause: ts.ImportClause, add: Add): void {
  if (clause.name) add(clause.name, clause, 'import');
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) add(bindings.name, bindings, 'import');
  else for (const el of bindings.elements) add(el.name, el, 'import');
}

function addDeclarationList(list: ts.VariableDeclarationList, add: Add): void {
  const kind: DeclarationKind = list.flags & ts.NodeFlags.Const ? 'const' : list.flags & ts.NodeFlags.Let ? 'let' : 'var';
  for (const d of list.declarations) forEachBindingName(d.name, (id) => add(id, d, kind));
}

function forEachBindingName(name: ts.BindingName, fn: (id: ts.Identifier) => void): void {
  if (ts.isIdentifier(name)) fn(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) forEachBindingName(el.name, fn);
}

/** Whether `inner` lies within `outer` (both from the same file). */
export function isWithin(inner: ts.Node, outer: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}
