// Middleware whose default store keeps something per client for the life of the process: registered without
// the option that names another store, every session (or entry) it makes stays in memory. From real leak
// fixes: mongo-express 1.0.0 and ungit 1.3 gave express-session a pruning store (memorystore).
import ts from 'typescript';
import { unwrap } from './operations';
import { requiredModule } from './routers';
import type { Resolver } from './scopes';

export interface DefaultStore {
  /** The package whose default export makes the middleware. */
  module: string;
  /** The option that replaces the default store. */
  option: string;
  /** What the default store keeps, and the usual fix: completes "… keeps …". */
  keeps: string;
}

const DEFAULT_STORES: readonly DefaultStore[] = [
  {
    module: 'express-session',
    option: 'store',
    keeps:
      "every session in express-session's default MemoryStore, which never prunes expired ones: pass a `store` (a database, or memorystore with a `checkPeriod`)",
  },
];

/** The entry when `call` makes such a middleware with its default store: `session({ secret })`. */
export function leakyDefaultStore(call: ts.CallExpression, resolver: Resolver): DefaultStore | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const module = defaultImportOf(callee, resolver);
  const entry = module && DEFAULT_STORES.find((s) => s.module === module);
  if (!entry) return undefined;
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  if (options && !ts.isObjectLiteralExpression(options)) return undefined; // options built elsewhere: unknown
  const named = options?.properties.some(
    (p) => ts.isSpreadAssignment(p) || (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === entry.option),
  );
  return named ? undefined : entry;
}

/** The module of `session` in `import session from 'express-session'` or `const session = require('express-session')`. */
function defaultImportOf(id: ts.Identifier, resolver: Resolver): string | undefined {
  const decl = resolver.resolve(id);
  if (!decl) return undefined;
  if (decl.kind === 'import' && ts.isImportClause(decl.node)) {
    const spec = decl.node.parent.moduleSpecifier;
    return ts.isStringLiteralLike(spec) ? spec.text : undefined;
  }
  if (ts.isVariableDeclaration(decl.node) && ts.isIdentifier(decl.node.name) && decl.node.initializer) {
    const init = unwrap(decl.node.initializer);
    const isRequire = ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require';
    return isRequire ? requiredModule(init) : undefined;
  }
  return undefined;
}
