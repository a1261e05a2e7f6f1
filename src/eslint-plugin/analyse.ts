// One engine run per file, shared by the plugin's three rules, over the parser's own TypeScript AST when there is one.
import * as ts from 'typescript';
import type { Rule, SourceCode } from 'eslint';
import { lintSourceFile, lintText, type FileResult, type GrowingApi, type LintConfig } from '../analysis/index';
import { engineConfigForEslint } from '../config/eslintConfig';

// ESLint gives every rule of one file the same SourceCode object: analyse once, let each rule pick its findings.
const cache = new WeakMap<SourceCode, FileResult>();

/**
 * The `ts.SourceFile` that @typescript-eslint/parser built, when it can be reused: it must come from a TypeScript
 * whose SyntaxKind numbers match ours (they shift between versions, and the parser may load another copy) and have
 * parent pointers. Otherwise undefined, and the text is parsed again.
 */
export function parserSourceFile(parserServices: unknown, program: unknown): ts.SourceFile | undefined {
  const map = (parserServices as { esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined)?.esTreeNodeToTSNodeMap;
  const node = map?.get(program) as ts.SourceFile | undefined;
  if (!node || node.kind !== ts.SyntaxKind.SourceFile || typeof node.text !== 'string') return undefined;
  const first = node.statements[0];
  return first === undefined || first.parent === node ? node : undefined;
}

/**
 * The engine options ESLint's shared settings carry, as in the CLI's config file:
 * `settings: { leaklens: { includeTests: true, growingApis: [...] } }`.
 */
export function configOf(settings: unknown): LintConfig {
  const own = (settings as { leaklens?: { includeTests?: unknown; growingApis?: unknown } } | undefined)?.leaklens;
  const config: LintConfig = {};
  if (typeof own?.includeTests === 'boolean') config.includeTests = own.includeTests;
  if (Array.isArray(own?.growingApis)) config.growingApis = own.growingApis as GrowingApi[];
  return config;
}

export function analyse(context: Rule.RuleContext): FileResult {
  const { sourceCode } = context;
  let result = cache.get(sourceCode);
  if (!result) {
    // ESLint's working folder is the project's: test folders above it do not make every file a test.
    // The file's LeakLens configuration, then ESLint's shared settings over it.
    const config = { ...engineConfigForEslint(context.filename), ...configOf(context.settings), root: context.cwd };
    const sourceFile = parserSourceFile(sourceCode.parserServices, sourceCode.ast);
    // The parser's tree carries the file name ESLint gave it; test files are told by it, as in the CLI.
    result = sourceFile ? lintSourceFile(sourceFile, config) : lintText(context.filename, sourceCode.text, config);
    cache.set(sourceCode, result);
  }
  return result;
}
