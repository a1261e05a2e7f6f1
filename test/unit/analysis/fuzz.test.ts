// Mutation fuzzing over the rule fixtures: deleted, duplicated and swapped tokens and lines, truncations.
// The engine must never throw and must answer every file well within a generous limit (a hang guard, not a
// performance assertion: the benchmark measures speed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { lintText } from '../../../src/analysis/index';
import { allCases } from './cases';

const MUTANTS_PER_CASE = 40;
const HANG_LIMIT_MS = 2000;

/** Deterministic PRNG (mulberry32) so a failure is reproducible from its seed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(code: string, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  const tokens = code.match(/\w+|\s+|[^\w\s]/g) ?? [];
  const lines = code.split('\n');
  switch (pick(6)) {
    case 0: tokens.splice(pick(tokens.length), 1 + pick(3)); return tokens.join('');
    case 1: { const i = pick(tokens.length); tokens.splice(i, 0, ...tokens.slice(i, i + 1 + pick(4))); return tokens.join(''); }
    case 2: { const i = pick(tokens.length), j = pick(tokens.length); [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!]; return tokens.join(''); }
    case 3: lines.splice(pick(lines.length), 1); return lines.join('\n');
    case 4: { const i = pick(lines.length); lines.splice(i, 0, lines[i]!); return lines.join('\n'); }
    default: return code.slice(0, pick(code.length));
  }
}

test('mutated fixtures never throw and never hang', () => {
  let runs = 0;
  let parsedClean = 0;
  let seed = 1;
  for (const [, cases] of allCases) {
    for (const c of cases) {
      for (let i = 0; i < MUTANTS_PER_CASE; i++, seed++) {
        const random = rng(seed);
        let code = c.code;
        for (let k = 1 + Math.floor(random() * 3); k > 0; k--) code = mutate(code, random);
        const started = performance.now();
        let result;
        try {
          result = lintText(c.file ?? 'case.js', code);
        } catch (error) {
          assert.fail(`seed ${seed} (${c.name}) threw: ${(error as Error).stack}\n---\n${code}`);
        }
        const ms = performance.now() - started;
        assert.ok(ms < HANG_LIMIT_MS, `seed ${seed} (${c.name}) took ${ms.toFixed(0)} ms`);
        if (!result.notice) parsedClean++;
        runs++;
      }
    }
  }
  assert.ok(runs >= 4000, `only ${runs} mutants`);
  // The mutants must exercise both paths: files that still parse (analysed) and files that do not (notices).
  assert.ok(parsedClean > runs * 0.1 && parsedClean < runs * 0.95, `${parsedClean} of ${runs} parsed cleanly`);
});
