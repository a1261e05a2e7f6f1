// Mutation fuzzing over the rule fixtures: deleted, duplicated and swapped tokens and lines, truncations.
// The engine must never throw and must answer every file well within a generous limit (a hang guard, not a
// performance assertion: the benchmark measures speed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { lintText } from '../../../src/analysis/index';
import { allCases } from './cases';
import { mutate, rng } from './mutations';

const MUTANTS_PER_CASE = 40;
const HANG_LIMIT_MS = 2000;

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
