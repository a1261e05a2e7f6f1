// The findings of the source files a heap comparison names, linted once each with the engine for their
// extension (JS/TS or Go) and the user's rule settings: a rule set to `off` has no finding, so nothing of
// it is "confirmed at runtime". Files that cannot be read are out of reach (undefined).
import { readFileSync } from 'node:fs';
import { lintSource } from '../analysis/lintFile';
import type { Finding } from '../findings/model';
import type { LintConfig } from '../analysis/lintConfig';

/** The linted text and findings of a file, by absolute path; undefined when the file is not in reach. */
export type FindingsOf = (file: string) => { text: string; findings: Finding[] } | undefined;

/**
 * `textOf` reads a file (the editor gives open documents' text); Go files need `await loadGoParser()` first.
 * Test code is included: a handler that grew in a real process lived long enough to leak, wherever its file
 * sits (a service under `test/fixtures/` is still a service).
 */
export function findingsOf(config: LintConfig = {}, textOf: (file: string) => string | undefined = readText): FindingsOf {
  const lintConfig: LintConfig = { includeTests: true, ...config };
  const cache = new Map<string, ReturnType<FindingsOf>>();
  return (file) => {
    if (!cache.has(file)) {
      const text = textOf(file);
      cache.set(file, text === undefined ? undefined : { text, findings: lintSource(file, text, lintConfig).findings });
    }
    return cache.get(file);
  };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
