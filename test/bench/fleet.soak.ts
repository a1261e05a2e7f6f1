// npm run soak:fleet — the fleet integration test's claim, repeated: against a real Prometheus scraping
// 6 real services (3 leaking), `leaklens fleet` names exactly the leaking ones, and never a steady one, in
// each of RUNS runs (default 10). Run it on a loaded machine to mean something. Prints one line per run
// and the tally; exits 1 on any miss.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.RUNS ?? 10);
const test = join(__dirname, '..', 'integration', 'fleet', 'fleet.test.ts');

let passed = 0;
for (let run = 1; run <= RUNS; run++) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', test], { encoding: 'utf8' });
  const ok = result.status === 0;
  if (ok) passed++;
  const load = loadavg()[0]!.toFixed(1);
  let why = '';
  if (!ok) {
    const log = join(tmpdir(), `leaklens-soak-fleet-run-${run}.log`);
    writeFileSync(log, result.stdout + result.stderr);
    const message =
      (result.stdout + result.stderr)
        .split('\n')
        .find((l) => /AssertionError|Error:|error: /.test(l))
        ?.trim() ?? 'no message';
    why = `  ${message.slice(0, 240)} (whole output: ${log})`;
  }
  console.log(
    `run ${run}/${RUNS}: ${ok ? 'pass' : 'FAIL'} in ${((Date.now() - started) / 1000).toFixed(0)} s (load average ${load})${why}`,
  );
}
console.log(`${passed} passed, ${RUNS - passed} failed`);
process.exitCode = passed === RUNS ? 0 : 1;
