// Runs node's test runner (with tsx) over every *.test.ts below the given folders.
// Node 20's runner does not expand globs itself.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const files = process.argv
  .slice(2)
  .flatMap((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
      .map((e) => join(e.parentPath ?? e.path, e.name)),
  )
  .sort();
if (files.length === 0) {
  console.log(`no *.test.ts files under ${process.argv.slice(2).join(', ')}`);
  process.exit(0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
