// Test code is not a long-lived server: a server built inside one test, with a collection next to it, lives
// for that test. Files that are tests by name or folder, and callbacks of the test runners' suite and hook
// functions (mocha, jest, vitest, node:test, tap, jasmine), are left out unless `includeTests` is set.
import ts from 'typescript';

/** `x.test.js`, `x.spec.ts`, `x-test.mjs`?: only the conventions the runners themselves glob for. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/i;
const TEST_FOLDER = /(^|[\\/])(test|tests|__tests__|__mocks__)[\\/]/;

/**
 * Whether `path` is a test file by its name or by a folder within its project: folders above `root` (the
 * project's folder, when known) and above an installed package's own folder do not count, so a project
 * kept under `~/test/` or a package installed below a `test/` folder is not all tests.
 */
export function isTestFile(path: string, root?: string): boolean {
  let p = path.replace(/\\/g, '/');
  const r = root?.replace(/\\/g, '/');
  if (r && p.startsWith(r)) p = p.slice(r.length);
  const modules = p.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = p.slice(modules + '/node_modules/'.length).split('/');
    p = '/' + rest.slice(rest[0]?.startsWith('@') ? 2 : 1).join('/');
  }
  return TEST_FILE.test(p) || TEST_FOLDER.test(p);
}

/** Suite, test and hook functions of the runners: their callbacks run a bounded number of times. */
const TEST_FUNCTIONS = new Set([
  'describe',
  'context',
  'suite',
  'it',
  'test',
  'specify',
  'before',
  'after',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'setup',
  'teardown',
  'suiteSetup',
  'suiteTeardown',
  'fdescribe',
  'xdescribe',
  'fit',
  'xit',
]);

/** `it`, `it.only`, `describe.each(table)`, `t.test`, `test.concurrent.skip`: the runner function a call names. */
function runnerName(callee: ts.Expression): string | undefined {
  let e = callee;
  if (ts.isCallExpression(e)) e = e.expression; // describe.each([...])(name, fn)
  while (ts.isPropertyAccessExpression(e)) {
    if (TEST_FUNCTIONS.has(e.name.text) && ts.isIdentifier(e.expression) && e.expression.text === 't') return e.name.text;
    e = e.expression;
  }
  return ts.isIdentifier(e) ? e.text : undefined;
}

/** Whether `node` lies inside a callback passed to a test runner's suite, test or hook function. */
export function isInTestCallback(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (!ts.isCallExpression(n) || !n.arguments.some((a) => a.pos <= node.pos && node.end <= a.end)) continue;
    const name = runnerName(n.expression);
    if (name && TEST_FUNCTIONS.has(name)) return true;
  }
  return false;
}
