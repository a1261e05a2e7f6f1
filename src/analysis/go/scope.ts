// "Where is this identifier declared?" — the small resolver the Go engine needs to tell bindings declared
// inside a handler from those of the factory or the package. Go declares in order within a block and in
// any order at package level; shadowing is respected by walking outwards from the use.
import type { Node, Tree } from 'web-tree-sitter';
import { listItems } from './syntax';

export type DeclKind = 'var' | 'const' | 'param' | 'receiver' | 'func' | 'type';

export interface Declaration {
  /** The declaring identifier. */
  id: Node;
  kind: DeclKind;
  /** The node whose scope holds the declaration (a function, a statement list or the source file). */
  scope: Node;
  /** The statement that declares it (var_declaration, short_var_declaration, parameter, …). */
  statement: Node;
  /** Declared type, when written. */
  type?: Node;
  /** Initial value, when written. */
  value?: Node;
}

function namesOf(node: Node): Node[] {
  return node.childrenForFieldName('name').filter((n): n is Node => !!n && n.type === 'identifier');
}

/** The var_spec/const_spec nodes of a declaration, grouped `var ( … )` or not. */
function specsOf(decl: Node): Node[] {
  return decl.namedChildren
    .flatMap((n) => (!n ? [] : n.type.endsWith('_spec_list') ? n.namedChildren.filter((s): s is Node => !!s) : [n]))
    .filter((n) => n.type === 'var_spec' || n.type === 'const_spec');
}

/** Every declaration one statement-level node makes (var, const, short var, function). */
function declarationsIn(stmt: Node, scope: Node): Declaration[] {
  switch (stmt.type) {
    case 'var_declaration':
    case 'const_declaration': {
      const kind: DeclKind = stmt.type === 'var_declaration' ? 'var' : 'const';
      return specsOf(stmt).flatMap((spec) => {
        const type = spec.childForFieldName('type') ?? undefined;
        const values = listItems(spec.childForFieldName('value'));
        return namesOf(spec).map((id, i) => ({ id, kind, scope, statement: stmt, type, value: values[i] }));
      });
    }
    case 'short_var_declaration': {
      const values = listItems(stmt.childForFieldName('right'));
      return listItems(stmt.childForFieldName('left')).flatMap((id, i) =>
        id.type === 'identifier' ? [{ id, kind: 'var' as const, scope, statement: stmt, value: values[i] }] : [],
      );
    }
    case 'function_declaration': {
      const id = stmt.childForFieldName('name');
      return id ? [{ id, kind: 'func', scope, statement: stmt }] : [];
    }
    default:
      return [];
  }
}

function declaredBy(stmt: Node, name: string, scope: Node): Declaration | undefined {
  return declarationsIn(stmt, scope).find((d) => d.id.text === name);
}

/**
 * The files of one Go package (a directory), linked so that resolution sees the whole package: a name
 * declared in another file, a method or struct of another file. Unlinked trees are a package of one file.
 */
const packages = new WeakMap<Tree, readonly Tree[]>();

const goMods = new WeakMap<Tree, string>();

/** Links the files of a package; `goMod` is the text of the module's go.mod, when there is one. */
export function linkPackage(trees: readonly Tree[], goMod?: string): void {
  for (const t of trees) {
    packages.set(t, trees);
    if (goMod !== undefined) goMods.set(t, goMod);
    else goMods.delete(t);
  }
}

/** The go.mod text of the module `node`'s package belongs to, if known. */
export function packageGoMod(node: Node): string | undefined {
  return goMods.get(node.tree);
}

/** The trees of the package `root` belongs to, its own first. */
export function packageTrees(root: Node): readonly Tree[] {
  const all = packages.get(root.tree);
  return all ? [root.tree, ...all.filter((t) => t !== root.tree)] : [root.tree];
}

/** An object standing for the package `root` belongs to as linked now (a key for per-package caches). */
export function packageIdentity(root: Node): object {
  return packages.get(root.tree) ?? root.tree;
}

/** Whether a top-level declaration is damaged by a syntax error (it is left out of the analysis). */
export function isDamaged(decl: Node): boolean {
  return decl.hasError;
}

/** Package-level declarations of a file by name, indexed once per tree (resolution falls back to them often). */
const packageScopes = new WeakMap<Tree, Map<string, Declaration>>();

function fileDeclarations(root: Node): Map<string, Declaration> {
  let byName = packageScopes.get(root.tree);
  if (!byName) {
    byName = new Map();
    for (const stmt of root.namedChildren) {
      if (!stmt || isDamaged(stmt)) continue;
      for (const d of declarationsIn(stmt, root)) if (!byName.has(d.id.text)) byName.set(d.id.text, d);
    }
    packageScopes.set(root.tree, byName);
  }
  return byName;
}

function packageDeclaration(root: Node, name: string): Declaration | undefined {
  for (const tree of packageTrees(root)) {
    const d = fileDeclarations(tree.rootNode).get(name);
    if (d) return d;
  }
  return undefined;
}

function paramsOf(list: Node | null, name: string, kind: DeclKind, scope: Node): Declaration | undefined {
  if (!list) return undefined;
  for (const param of list.namedChildren) {
    if (!param || (param.type !== 'parameter_declaration' && param.type !== 'variadic_parameter_declaration')) continue;
    const id = namesOf(param).find((n) => n.text === name);
    if (id) return { id, kind, scope, statement: param, type: param.childForFieldName('type') ?? undefined };
  }
  return undefined;
}

/** Declarations a compound node makes for its own body (parameters, loop, if and switch initialisers). */
function declaredByScope(scope: Node, name: string, at: number): Declaration | undefined {
  switch (scope.type) {
    case 'func_literal':
    case 'function_declaration':
    case 'method_declaration': {
      const result = scope.childForFieldName('result');
      return (
        paramsOf(scope.childForFieldName('parameters'), name, 'param', scope) ??
        paramsOf(scope.childForFieldName('receiver'), name, 'receiver', scope) ??
        (result?.type === 'parameter_list' ? paramsOf(result, name, 'param', scope) : undefined)
      );
    }
    case 'for_statement': {
      const clause = scope.namedChildren.find((n) => n?.type === 'range_clause' || n?.type === 'for_clause');
      if (!clause) return undefined;
      if (clause.type === 'range_clause') {
        if (clause.endIndex > at) return undefined; // `for x := range x` ranges over the outer x
        const id = listItems(clause.childForFieldName('left')).find((n) => n.type === 'identifier' && n.text === name);
        return id && clause.text.includes(':=') ? { id, kind: 'var', scope, statement: clause } : undefined;
      }
      const init = clause.childForFieldName('initializer');
      return init && init.endIndex <= at ? declaredBy(init, name, scope) : undefined;
    }
    case 'if_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement': {
      const init = scope.childForFieldName('initializer');
      const found = init && init.endIndex <= at ? declaredBy(init, name, scope) : undefined;
      if (found || scope.type !== 'type_switch_statement') return found;
      const id = listItems(scope.childForFieldName('alias')).find((n) => n.text === name);
      return id ? { id, kind: 'var', scope, statement: scope } : undefined;
    }
    case 'communication_case': {
      const comm = scope.childForFieldName('communication');
      if (comm?.type !== 'receive_statement') return undefined;
      const id = listItems(comm.childForFieldName('left')).find((n) => n.text === name);
      return id ? { id, kind: 'var', scope, statement: comm } : undefined;
    }
    default:
      return undefined;
  }
}

/** The declaration `use` refers to, or undefined (another file of the package, an import, a builtin). */
export function resolve(use: Node): Declaration | undefined {
  const name = use.text;
  const at = use.startIndex;
  let child: Node = use;
  for (let scope = use.parent; scope; child = scope, scope = scope.parent) {
    if (scope.type === 'source_file') return packageDeclaration(scope, name);
    if (scope.type !== 'statement_list') {
      const d = declaredByScope(scope, name, at);
      if (d) return d;
      continue;
    }
    let found: Declaration | undefined;
    for (const stmt of scope.namedChildren) {
      if (!stmt) continue;
      const holdsUse = stmt.id === child.id;
      if (!holdsUse && stmt.startIndex > at) break;
      // The statement holding the use declares only the use itself (`x := f(x)` sees the outer x on the right).
      const d = declaredBy(stmt, name, scope);
      if (d && (!holdsUse || d.id.id === use.id)) found = d;
      if (holdsUse) break;
    }
    if (found) return found;
  }
  return undefined;
}

/** The `type T struct {…}` of the package named `name`, if any. */
export function findStruct(root: Node, name: string): Node | undefined {
  for (const tree of packageTrees(root)) {
    const found = structsOf(tree.rootNode).get(name);
    if (found) return found;
  }
  return undefined;
}

const structs = new WeakMap<Tree, Map<string, Node>>();

/** The struct types a file declares at top level, by name. */
export function structsOf(root: Node): Map<string, Node> {
  let byName = structs.get(root.tree);
  if (!byName) {
    byName = new Map();
    for (const decl of root.namedChildren) {
      if (decl?.type !== 'type_declaration') continue;
      for (const spec of decl.namedChildren) {
        const type = spec?.childForFieldName('type');
        const name = spec?.childForFieldName('name')?.text;
        if (name && type?.type === 'struct_type') byName.set(name, type);
      }
    }
    structs.set(root.tree, byName);
  }
  return byName;
}

/** The declared type of field `field` in a struct type node. */
export function fieldType(struct: Node, field: string): { name: Node; type: Node } | undefined {
  for (const decl of struct.descendantsOfType('field_declaration')) {
    if (!decl || decl.parent?.parent?.id !== struct.id) continue;
    const name = decl.childrenForFieldName('name').find((n) => n?.text === field);
    const type = decl.childForFieldName('type');
    if (name && type) return { name, type };
  }
  return undefined;
}

const functions = new WeakMap<Tree, Map<string, Node[]>>();

/** Functions (`name`) and methods (`.name`) declared at the top of one file, damaged ones left out. */
function fileFunctions(root: Node): Map<string, Node[]> {
  let byName = functions.get(root.tree);
  if (!byName) {
    byName = new Map();
    for (const d of root.namedChildren) {
      if ((d?.type !== 'function_declaration' && d?.type !== 'method_declaration') || isDamaged(d)) continue;
      const key = `${d.type === 'method_declaration' ? '.' : ''}${d.childForFieldName('name')?.text}`;
      byName.set(key, [...(byName.get(key) ?? []), d]);
    }
    functions.set(root.tree, byName);
  }
  return byName;
}

/** Functions (`name`) and methods (`.name`) declared at the top of the package's files. */
export function functionsByName(root: Node): Map<string, Node[]> {
  const trees = packageTrees(root);
  if (trees.length === 1) return fileFunctions(root);
  const byName = new Map<string, Node[]>();
  for (const tree of trees) {
    for (const [key, fns] of fileFunctions(tree.rootNode)) byName.set(key, [...(byName.get(key) ?? []), ...fns]);
  }
  return byName;
}
