// npm run soak:verdict — the verdict on real heaps of 50 MB, 500 MB and 2 GB (Node and Go): each leak must read
// "growing" within 60 s of sampling with forced GCs, each steady twin must never read growing over 90 s, in every
// run. Leak and twin, Node and Go run side by side, so the machine is loaded. Prints one line per trial and a table.
// Options: --runs N (10), --sizes 50,500,2000, --runtimes node,go. Run it under
// `nice -n 10 flock /tmp/leaklens-heavy.lock` on a shared machine (the 2 GB case holds ~5 GB).
import { parseArgs } from 'node:util';
import { formatBytes } from '../../src/common/format';
import { buildGoBallast, runTrial, type Runtime, type TrialResult } from './verdictRun';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    sizes: { type: 'string', default: '50,500,2000' },
    runtimes: { type: 'string', default: 'node,go' },
  },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const runtimes = values.runtimes.split(',') as Runtime[];

const rows: { key: string; leakOk: number; steadyOk: number; times: number[]; steadyRates: number[] }[] = [];
const line = (r: TrialResult) =>
  `${r.runtime} ${String(r.ballastMb).padStart(4)} MB ${r.mode.padEnd(6)} ${r.growingAfterMs === null ? 'never growing' : `growing after ${(r.growingAfterMs / 1000).toFixed(0)} s`}; post-GC ${formatBytes(r.postGcHeap)}; ${r.finalText}`;

async function main(): Promise<void> {
  if (runtimes.includes('go')) await buildGoBallast();
  for (const size of sizes) {
    const rowOf = new Map(
      runtimes.map((runtime) => {
        const row = { key: `${runtime} ${size} MB`, leakOk: 0, steadyOk: 0, times: [] as number[], steadyRates: [] as number[] };
        rows.push(row);
        return [runtime, row] as const;
      }),
    );
    for (let run = 1; run <= runs; run++) {
      // Node and Go side by side too: four services per round, a loaded machine by construction.
      await Promise.all(
        runtimes.map(async (runtime) => {
          const row = rowOf.get(runtime)!;
          const [leak, steady] = await Promise.all([runTrial(runtime, 'leaky', size, 60_000), runTrial(runtime, 'steady', size, 90_000)]);
          console.log(`[${run}/${runs}] ${line(leak)}\n[${run}/${runs}] ${line(steady)}`);
          if (leak.growingAfterMs !== null && leak.growingAfterMs <= 60_000) row.leakOk++;
          if (leak.growingAfterMs !== null) row.times.push(leak.growingAfterMs / 1000);
          if (steady.growingAfterMs === null) row.steadyOk++;
          row.steadyRates.push(steady.finalBytesPerMinute);
        }),
      );
    }
  }
}

function report(): void {
  console.log('\ncase           leak growing ≤60 s   twin never growing   leak time to growing (s) min/median/max   twin final rate max');
  let failed = false;
  for (const r of rows) {
    const t = [...r.times].sort((a, b) => a - b);
    const med = t.length ? t[t.length >> 1]! : NaN;
    const maxRate = Math.max(...r.steadyRates.map(Math.abs));
    console.log(
      `${r.key.padEnd(14)} ${`${r.leakOk}/${runs}`.padEnd(20)} ${`${r.steadyOk}/${runs}`.padEnd(20)} ${t.length ? `${t[0]!.toFixed(0)} / ${med.toFixed(0)} / ${t.at(-1)!.toFixed(0)}` : '-'}`.padEnd(
        100,
      ) + `${formatBytes(maxRate)}/min`,
    );
    if (r.leakOk < runs || r.steadyOk < runs) failed = true;
  }
  process.exitCode = failed ? 1 : 0;
}

void main().then(report, (error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
