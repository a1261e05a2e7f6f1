// Real folders for CLI tests: a temp folder filled from a { relativePath: contents } table, removed after the test.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';

/** A value of `{ symlinkTo }` makes a symbolic link (target relative to the link's folder). */
export type Tree = Record<string, string | Buffer | { symlinkTo: string }>;

export function makeTree(t: TestContext, tree: Tree): string {
  const root = mkdtempSync(join(tmpdir(), 'leaklens-cli-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [rel, contents] of Object.entries(tree)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof contents === 'object' && 'symlinkTo' in contents) symlinkSync(contents.symlinkTo, path);
    else writeFileSync(path, contents);
  }
  return root;
}

/** The closure-capture leak every front end must report: `unbounded-capture` (warning) on line 1's `logs.push`. */
export const LEAK = `function requestLogger() { const logs = []; return (req, res, next) => { logs.push(req.url); next(); }; }
app.use(requestLogger());
`;
