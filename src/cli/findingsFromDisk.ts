// The findings of source files named by a heap comparison, linted once each with the engine for their
// extension (JS/TS or Go); files that cannot be read are left out.
import { readFileSync } from 'node:fs';
import { lintSource } from '../analysis/lintFile';
import type { FindingsOf } from '../heap/snapshot/runtimeMatch';

/**
 * Go files need `await loadGoParser()` first. Test code is included: a handler that grew in a real process
 * lived long enough to leak, wherever its file sits (a service under `test/fixtures/` is still a service).
 */
export function findingsFromDisk(): FindingsOf {
  const cache = new Map<string, ReturnType<FindingsOf>>();
  return (file) => {
    if (!cache.has(file)) {
      try {
        const text = readFileSync(file, 'utf8');
        cache.set(file, { text, findings: lintSource(file, text, { includeTests: true }).findings });
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}
