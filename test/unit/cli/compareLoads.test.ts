// `leaklens compare` of two snapshots must not hold the linter (TypeScript, the Go parser: ~60 MB) while its
// snapshot workers run: its module loads them only for heap profiles, or once the workers have ended.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');

/** The modules a fresh process holds after requiring `module` (from the sources, through tsx). */
function modulesLoadedBy(module: string): string[] {
  const script = `require(${JSON.stringify(join(root, module))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' })) as string[];
}

const typescript = (files: string[]) => files.some((f) => /[\\/]node_modules[\\/]typescript[\\/]/.test(f));
const goParser = (files: string[]) => files.some((f) => /[\\/]node_modules[\\/]web-tree-sitter[\\/]/.test(f));

test('the compare command loads neither TypeScript nor the Go parser up front; the profile comparison does', () => {
  const compare = modulesLoadedBy('src/cli/compare.ts');
  assert.ok(!typescript(compare), 'TypeScript loaded with the compare command');
  assert.ok(!goParser(compare), 'the Go parser loaded with the compare command');
  const profiles = modulesLoadedBy('src/cli/comparePprof.ts');
  assert.ok(typescript(profiles) && goParser(profiles), 'the check sees what the profile comparison loads');
});
