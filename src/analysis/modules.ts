// Which function of which project file a call names across modules: imports (ESM and `require`), the
// specifier resolved like Node and TypeScript do for project files (relative paths, tsconfig `paths`,
// package.json `imports`), and the function a module exports under a name.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { functionOf } from './handlers';
import { unwrap } from './operations';
import { requiredModule } from './routers';
import type { Resolver } from './scopes';

/** A call to a function another module exports: `getAuth()` with `import { getAuth } from './auth'`. */
export interface ImportedCall {
  call: ts.CallExpression;
  specifier: string;
  /** The exported name, `default` for a default export or `module.exports = fn`. */
  name: string;
  /** The call runs the function the export returned: `parse(url)` where `const parse = memoize(…)`. */
  returned?: boolean;
}

function importDeclarationOf(node: ts.Node): ts.ImportDeclaration | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (ts.isImportDeclaration(n)) return n;
  return undefined;
}

/** What an identifier imports: module specifier and exported name (`*` for a namespace or a whole `require`). */
function importedBinding(id: ts.Identifier, resolver: Resolver): { specifier: string; name: string } | undefined {
  const decl = resolver.resolve(id);
  if (!decl) return undefined;
  if (decl.kind === 'import') {
    const imp = importDeclarationOf(decl.node);
    if (!imp || !ts.isStringLiteralLike(imp.moduleSpecifier)) return undefined;
    const specifier = imp.moduleSpecifier.text;
    if (ts.isImportSpecifier(decl.node)) return { specifier, name: (decl.node.propertyName ?? decl.node.name).text };
    if (ts.isNamespaceImport(decl.node)) return { specifier, name: '*' };
    return { specifier, name: 'default' };
  }
  if (ts.isVariableDeclaration(decl.node) && decl.node.initializer) {
    const init = unwrap(decl.node.initializer);
    if (!ts.isCallExpression(init) && !ts.isPropertyAccessExpression(init)) return undefined;
    const specifier = requiredModule(init);
    if (
      specifier === undefined ||
      (ts.isCallExpression(init) && !(ts.isIdentifier(init.expression) && init.expression.text === 'require'))
    ) {
      return specifier !== undefined && ts.isPropertyAccessExpression(init) ? { specifier, name: init.name.text } : undefined;
    }
    if (ts.isIdentifier(decl.node.name)) return { specifier, name: '*' };
    // const { getAuth: auth } = require('./auth')
    const element = decl.id.parent;
    if (ts.isBindingElement(element)) {
      const prop = element.propertyName;
      return { specifier, name: prop && ts.isIdentifier(prop) ? prop.text : decl.id.text };
    }
  }
  return undefined;
}

/**
 * The call's target when it is a function of another module: `f()`, `ns.f()`, `require('./m').f()`, or the
 * function such a call made once, outside the call's function (`const parse = memoize(…)`, then `parse(url)`).
 */
export function importedCall(call: ts.CallExpression, resolver: Resolver): ImportedCall | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const b = importedBinding(callee, resolver);
    if (!b) return madeByImportedCall(call, callee, resolver);
    return { call, specifier: b.specifier, name: b.name === '*' ? 'default' : b.name };
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const target = unwrap(callee.expression);
    if (!ts.isIdentifier(target)) return undefined;
    const b = importedBinding(target, resolver);
    // A default import of a CommonJS module is its `module.exports`: `auth.f()` calls the `f` it exports.
    if (b?.name === '*' || (b?.name === 'default' && isDefaultImport(target, resolver)))
      return { call, specifier: b.specifier, name: callee.name.text };
  }
  return undefined;
}

function madeByImportedCall(call: ts.CallExpression, callee: ts.Identifier, resolver: Resolver): ImportedCall | undefined {
  const decl = resolver.resolve(callee);
  if (!decl || !ts.isVariableDeclaration(decl.node) || !decl.node.initializer || !ts.isIdentifier(decl.node.name)) return undefined;
  // Made in a function around the call, it is made per call of that function: only one made outside lives on.
  if (declaredAround(decl.node, call)) return undefined;
  const init = unwrap(decl.node.initializer);
  if (!ts.isCallExpression(init) || unwrap(init.expression) === callee) return undefined;
  const maker = importedCall(init, resolver);
  return maker && !maker.returned ? { call, specifier: maker.specifier, name: maker.name, returned: true } : undefined;
}

/** Whether the function `declaration` is made in also contains `call`. */
function declaredAround(declaration: ts.Node, call: ts.Node): boolean {
  for (let n: ts.Node | undefined = declaration.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return call.pos >= n.pos && call.end <= n.end;
  }
  return false;
}

/** `import auth from './Auth'` (not `const auth = require('./Auth').default`). */
function isDefaultImport(id: ts.Identifier, resolver: Resolver): boolean {
  const decl = resolver.resolve(id);
  return decl?.kind === 'import' && ts.isImportClause(decl.node);
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Aliases of a project: tsconfig `paths` (with its `baseUrl`) and package.json `imports`, read once per root. */
export class ModuleResolver {
  private readonly paths: { prefix: string; suffix: string; targets: string[] }[] = [];
  private readonly imports = new Map<string, string>();
  private readonly found = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly isProjectFile: (path: string) => boolean,
  ) {
    const tsconfig = readJson(join(root, 'tsconfig.json')) ?? readJson(join(root, 'jsconfig.json'));
    const options = (tsconfig?.compilerOptions ?? {}) as { baseUrl?: string; paths?: Record<string, string[]> };
    const base = resolve(root, options.baseUrl ?? '.');
    for (const [pattern, targets] of Object.entries(options.paths ?? {})) {
      const star = pattern.indexOf('*');
      this.paths.push({
        prefix: star < 0 ? pattern : pattern.slice(0, star),
        suffix: star < 0 ? '' : pattern.slice(star + 1),
        targets: (Array.isArray(targets) ? targets : []).map((t) => resolve(base, t)),
      });
    }
    const pkg = readJson(join(root, 'package.json'));
    for (const [key, value] of Object.entries((pkg?.imports ?? {}) as Record<string, unknown>)) {
      const target = typeof value === 'string' ? value : firstString(value);
      if (target) this.imports.set(key, resolve(root, target));
    }
  }

  forget(): void {
    this.found.clear();
  }

  /** The project file `specifier` names from `fromFile`, or undefined (a package, or not found). */
  resolve(specifier: string, fromFile: string): string | undefined {
    const key = specifier.startsWith('.') ? `${dirname(fromFile)}\0${specifier}` : specifier;
    if (this.found.has(key)) return this.found.get(key);
    let file: string | undefined;
    if (specifier.startsWith('.') || specifier.startsWith('/')) file = this.file(resolve(dirname(fromFile), specifier));
    else if (specifier.startsWith('#')) file = this.viaImports(specifier);
    if (!file) file = this.viaPaths(specifier);
    this.found.set(key, file);
    return file;
  }

  private viaImports(specifier: string): string | undefined {
    for (const [key, target] of this.imports) {
      const star = key.indexOf('*');
      if (star < 0 ? key === specifier : specifier.startsWith(key.slice(0, star))) {
        return this.file(star < 0 ? target : target.replace('*', specifier.slice(star)));
      }
    }
    return undefined;
  }

  private viaPaths(specifier: string): string | undefined {
    for (const p of this.paths) {
      if (!specifier.startsWith(p.prefix) || !specifier.endsWith(p.suffix) || specifier.length < p.prefix.length + p.suffix.length)
        continue;
      const middle = specifier.slice(p.prefix.length, specifier.length - p.suffix.length);
      for (const t of p.targets) {
        const file = this.file(t.replace('*', middle));
        if (file) return file;
      }
    }
    return undefined;
  }

  /** `./auth` → `./auth.ts`, `./auth/index.js`; `./auth.js` written for a `.ts` source → `./auth.ts`. */
  private file(base: string): string | undefined {
    const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, 'index' + e))];
    const js = /\.[cm]?jsx?$/.exec(base);
    if (js) candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((e) => base.slice(0, -js[0].length) + e));
    return candidates.find((c) => this.isProjectFile(c) || (c.startsWith(this.root) && isFile(c) && this.isProjectFile(c)));
  }
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    // tsconfig allows comments and trailing commas: TypeScript's own reader copes with both.
    const read: { config?: unknown } = ts.readConfigFile(path, (p) => readFileSync(p, 'utf8'));
    return read.config as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const s = firstString(v);
      if (s) return s;
    }
  }
  return undefined;
}

/** The function a module exports as `name` (`default` for the default export or `module.exports = fn`). */
export function exportedFunction(sf: ts.SourceFile, name: string, resolver: Resolver): ts.FunctionLikeDeclaration | undefined {
  for (const s of sf.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(s) && exported && s.body && (isDefault ? name === 'default' : s.name?.text === name)) return s;
    if (ts.isVariableStatement(s) && exported) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return functionOf(unwrap(d.initializer), resolver);
      }
    }
    if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      const el = s.exportClause.elements.find((e) => e.name.text === name);
      if (el) return functionOf(el.propertyName ?? el.name, resolver);
    }
    if (ts.isExportAssignment(s) && name === 'default') return functionOf(unwrap(s.expression), resolver);
    if (
      ts.isExpressionStatement(s) &&
      ts.isBinaryExpression(s.expression) &&
      s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      const found = fromCommonJsExport(s.expression, name, resolver);
      if (found) return found;
    }
  }
  return undefined;
}

/** `exports.name = fn`, `module.exports.name = fn`, `module.exports = fn` (default), `module.exports = { name }`. */
function fromCommonJsExport(b: ts.BinaryExpression, name: string, resolver: Resolver): ts.FunctionLikeDeclaration | undefined {
  const left = unwrap(b.left);
  const right = unwrap(b.right);
  const isModuleExports = (e: ts.Expression) =>
    ts.isPropertyAccessExpression(e) && e.name.text === 'exports' && ts.isIdentifier(e.expression) && e.expression.text === 'module';
  const isExports = (e: ts.Expression) => (ts.isIdentifier(e) && e.text === 'exports') || isModuleExports(e);
  if (ts.isPropertyAccessExpression(left) && isExports(unwrap(left.expression)) && left.name.text === name)
    return functionOf(right, resolver);
  if (!isModuleExports(left)) return undefined;
  if (name === 'default') return functionOf(right, resolver);
  if (!ts.isObjectLiteralExpression(right)) return undefined;
  for (const p of right.properties) {
    if (!p.name || !ts.isIdentifier(p.name) || p.name.text !== name) continue;
    if (ts.isMethodDeclaration(p)) return p;
    if (ts.isPropertyAssignment(p)) return functionOf(unwrap(p.initializer), resolver);
    if (ts.isShorthandPropertyAssignment(p)) return functionOf(p.name, resolver);
  }
  return undefined;
}
