// npm run bench:fleet — `leaklens fleet` at scale: 1,000 instances' worth of series (Node and Go, a tenth of
// them leaking) backfilled into a real Prometheus with promtool, then ranked over a 30-minute window.
// Prints the wall time of the whole ranking and, as the floor it cannot beat, the time Prometheus itself
// takes to answer the one heap range query it is built on; and whether exactly the seeded leaks were named.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusClient, parsePrometheusUrl, rankFleet } from '../../src/fleet';
import { startPrometheus } from '../fixtures/prometheus';

const INSTANCES = Number(process.env.INSTANCES ?? 1000);
const RUNS = Number(process.env.RUNS ?? 5);
const WINDOW_S = 30 * 60;
const SCRAPE_S = 15;
const MB = 1024 * 1024;
/** Whole hours, well before Prometheus's head block, so the backfilled blocks are read as they are. */
const END = Math.floor(Date.now() / 1000 / 3600) * 3600 - 3 * 3600;

interface Member {
  instance: string;
  runtime: 'node' | 'go';
  leaking: boolean;
}

const members: Member[] = Array.from({ length: INSTANCES }, (_, i) => ({
  instance: `10.${(i >> 8) & 255}.${i & 255}.1:9100`,
  runtime: i % 3 === 0 ? 'go' : 'node',
  leaking: i % 10 === 0,
}));

/** Garbage piles up for three scrapes, then a full GC brings the heap back to its live level. */
const live = (m: Member, i: number) => 50 * MB + (m.leaking ? (4 * MB * i * SCRAPE_S) / 60 : 0);
const heap = (m: Member, i: number) => live(m, i) + (i % 4) * 6 * MB + ((i * 7919) % 97) * 1024;

/** OpenMetrics text: per instance its runtime's heap gauge and full-GC counter, start time and RSS. */
function openMetrics(): string {
  const lines: string[] = [];
  const family = (name: string, runtime: Member['runtime'] | 'any', extraLabels: string, value: (m: Member, i: number) => number) => {
    lines.push(`# TYPE ${name} gauge`);
    for (const m of members) {
      if (runtime !== 'any' && m.runtime !== runtime) continue;
      const labels = `{job="bench",instance="${m.instance}"${extraLabels}}`;
      for (let i = 0, t = END - WINDOW_S; t <= END; i++, t += SCRAPE_S) lines.push(`${name}${labels} ${value(m, i)} ${t}`);
    }
  };
  family('nodejs_heap_size_used_bytes', 'node', '', heap);
  family('nodejs_gc_duration_seconds_count', 'node', ',kind="major"', (_m, i) => Math.floor(i / 4));
  family('go_memstats_heap_alloc_bytes', 'go', '', heap);
  family('go_gc_duration_seconds_count', 'go', '', (_m, i) => Math.floor(i / 4));
  family('process_start_time_seconds', 'any', '', () => END - WINDOW_S - 600);
  family('process_resident_memory_bytes', 'any', '', (m, i) => heap(m, i) + 40 * MB);
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-fleet-bench-'));
  try {
    const input = join(dir, 'fleet.om');
    writeFileSync(input, openMetrics());
    const blocks = join(dir, 'data');
    const made = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, blocks], { encoding: 'utf8' });
    if (made.status !== 0)
      throw new Error(`promtool could not backfill (apt-get install prometheus): ${made.stderr || made.error?.message}`);
    const prometheus = await startPrometheus([], { dataDir: blocks, extraArgs: ['--storage.tsdb.retention.time=100y'] });
    try {
      const client = new PrometheusClient(parsePrometheusUrl(prometheus.url, false));
      const floor: number[] = [];
      const ranking: number[] = [];
      let named = '';
      for (let run = 0; run < RUNS; run++) {
        let t0 = performance.now();
        await client.queryRange('min_over_time(nodejs_heap_size_used_bytes{job="bench"}[8s])', {
          start: END - WINDOW_S,
          end: END,
          stepSeconds: 8,
        });
        floor.push(performance.now() - t0);
        t0 = performance.now();
        const report = await rankFleet(client, { selector: '{job="bench"}', windowSeconds: WINDOW_S, endSeconds: END });
        ranking.push(performance.now() - t0);
        const growing = new Set(report.instances.filter((v) => v.growing).map((v) => v.instance));
        const seeded = members.filter((m) => m.leaking).map((m) => m.instance);
        const exact = growing.size === seeded.length && seeded.every((i) => growing.has(i)) && report.instances.length === members.length;
        named = `${growing.size} growing of ${report.instances.length} ranked; ${seeded.length} seeded leaks: ${exact ? 'exactly those' : 'NOT exactly those'}`;
      }
      const fleetMs = median(ranking);
      const floorMs = median(floor);
      console.log(
        `instances: ${INSTANCES} (${members.filter((m) => m.runtime === 'go').length} Go), window 30 min at ${SCRAPE_S} s scrapes, ${RUNS} runs`,
      );
      console.log(`leaklens fleet ranking:          median ${fleetMs.toFixed(0)} ms (target ≤ 2000 ms)`);
      console.log(`Prometheus's one heap query:      median ${floorMs.toFixed(0)} ms`);
      console.log(`ratio ranking / one heap query:   ${(fleetMs / floorMs).toFixed(2)}×`);
      console.log(named);
    } finally {
      await prometheus.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:fleet: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
