// npm run bench:heap — what the live heap view costs.
// 1. Throughput of a real HTTP service (the steady middleware fixture) under a bounded load (fixed
//    concurrency, load generator in its own process), with the heap view's source attached at 1 Hz vs
//    detached; after a warm-up phase, rounds alternate their order (D A, A D, …) so drift hits both; the ratio is attached / detached, and the
//    service's own CPU per request in both (what the sampling costs the target, even on a busy machine).
//    A third phase per round adds V8's sampling heap profiler (Take Heap Profile, `leaklens profile`) at its
//    default interval on top of the attached view: its ratio to detached is the profile's cost (goal ≥ 0.97).
//    Load on a shared machine moves throughput by more than these costs, so the phases are short and many
//    (D A S, A S D, S D A, …): each round's ratios compare phases run seconds apart, and the report is the
//    median of the rounds' ratios with their spread (quartiles, min–max), not a ratio of totals.
// 2. Extension-side CPU time per sample: this process only runs the monitor (sampling + verdict + the
//    panel's wire conversion), so its CPU time over the attached phases divided by the samples taken.
// 3. The verdict over a full day of samples (86 400) — the worst case per sample.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInspectorAddress } from '../../src/heap/inspector';
import { HeapMonitor } from '../../src/heap/monitor';
import { toWireSample, toWireTrend } from '../../src/heap/panelWire';
import { DAY_AT_1HZ, SampleFlag, SampleRing } from '../../src/heap/series/sampleRing';
import { connectInspector } from '../../src/heap/inspector';
import { DEFAULT_SAMPLING_INTERVAL, HeapSampler } from '../../src/heap/sampling/sampler';
import { NodeInspectorSource } from '../../src/heap/sources/nodeInspectorSource';
import { judgeTrend } from '../../src/heap/trend/verdict';
import { startService } from '../fixtures/services/spawnService';

const PHASE_MS = Number(process.env.PHASE_MS ?? 3000);
const ROUNDS = Number(process.env.ROUNDS ?? 12);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);

/** CPU seconds the service has used (Linux /proc; clock ticks at 100 Hz). */
function serviceCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime
}

/** Load for one phase, with the service's CPU per request over it (robust to other load on the machine). */
async function phase(service: { httpPort: number; child: { pid?: number } }) {
  const cpu0 = serviceCpuSeconds(service.child.pid!);
  const r = await runLoad(service.httpPort);
  return { rate: r.requests / (r.ms / 1000), cpuPerRequestUs: ((serviceCpuSeconds(service.child.pid!) - cpu0) / r.requests) * 1e6 };
}

function runLoad(port: number): Promise<{ requests: number; errors: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'loadRunner.ts'), String(port), String(CONCURRENCY), String(PHASE_MS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), PHASE_MS + 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as { requests: number; errors: number; ms: number });
      else reject(new Error(`load runner exited with ${code}: ${out}`));
    });
  });
}

interface Phase {
  rate: number;
  cpuPerRequestUs: number;
}

/** The p-quantile of the values, by linear interpolation between the nearest ranks. */
function quantile(values: number[], p: number): number {
  const xs = [...values].sort((a, b) => a - b);
  const at = (xs.length - 1) * p;
  const lo = Math.floor(at);
  return xs[lo]! + (xs[Math.min(lo + 1, xs.length - 1)]! - xs[lo]!) * (at - lo);
}

async function main(): Promise<void> {
  const service = await startService('middleware-service.mjs', ['steady']);
  const detached: Phase[] = [];
  const attached: Phase[] = [];
  const sampling: Phase[] = [];
  let cpuMicros = 0;
  let samples = 0;
  try {
    await phase(service); // warm-up (JIT, sockets), not counted
    for (let round = 0; round < ROUNDS; round++) {
      const attachedPhase = async (withSampling = false) => {
        const monitor = new HeapMonitor({ intervalMs: 1000, gcEveryMs: 0 });
        // What the panel and status bar do on every sample.
        monitor.onChange((c) => c.kind === 'samples' && (c.samples.map(toWireSample), toWireTrend(monitor.trend)));
        await monitor.attach(await NodeInspectorSource.open(parseInspectorAddress(String(service.inspectPort))));
        const profiler = withSampling ? await connectInspector(parseInspectorAddress(String(service.inspectPort))) : undefined;
        const sampler = profiler && (await HeapSampler.start(profiler, DEFAULT_SAMPLING_INTERVAL));
        const cpu = process.cpuUsage();
        (withSampling ? sampling : attached).push(await phase(service));
        const used = process.cpuUsage(cpu);
        if (sampler) await sampler.read(); // what a profile costs at its end is paid once, outside the phase
        await sampler?.stop();
        await profiler?.close();
        samples += monitor.ring.size;
        await monitor.dispose();
        cpuMicros += used.user + used.system;
      };
      // Rotate the order (D A S, A S D, S D A, …) so no phase always runs first or next to the same one.
      const detachedPhase = async () => void detached.push(await phase(service));
      const order = [detachedPhase, () => attachedPhase(), () => attachedPhase(true)];
      for (let i = 0; i < order.length; i++) await order[(i + round) % order.length]!();
      const [d, a, p] = [detached.at(-1)!, attached.at(-1)!, sampling.at(-1)!];
      console.log(
        `round ${round + 1}: detached ${d.rate.toFixed(0)} req/s (${d.cpuPerRequestUs.toFixed(1)} µs CPU/req), attached ${a.rate.toFixed(0)} req/s (${a.cpuPerRequestUs.toFixed(1)} µs CPU/req), attached + heap sampling ${p.rate.toFixed(0)} req/s (${p.cpuPerRequestUs.toFixed(1)} µs CPU/req)`,
      );
    }
  } finally {
    await service.kill();
  }
  const median = (xs: number[]) => quantile(xs, 0.5);
  const ratioLine = (what: string, phases: Phase[], goal: string) => {
    const ratios = phases.map((x, i) => x.rate / detached[i]!.rate);
    const q = (p: number) => quantile(ratios, p).toFixed(3);
    console.log(
      `throughput ratio ${what}/detached: median ${q(0.5)} (quartiles ${q(0.25)}–${q(0.75)}, min–max ${q(0)}–${q(1)}; goal ${goal}; ${ROUNDS} interleaved rounds × ${PHASE_MS / 1000} s per phase, concurrency ${CONCURRENCY})`,
    );
  };
  ratioLine('attached', attached, '≥ 0.99');
  ratioLine(`attached + heap sampling (1 per ${DEFAULT_SAMPLING_INTERVAL} B)`, sampling, '≥ 0.97');
  console.log(
    `service CPU per request, attached + heap sampling/detached: ${(median(sampling.map((x) => x.cpuPerRequestUs)) / median(detached.map((x) => x.cpuPerRequestUs))).toFixed(3)} (medians)`,
  );
  console.log(
    `service CPU per request, attached/detached: ${(median(attached.map((x) => x.cpuPerRequestUs)) / median(detached.map((x) => x.cpuPerRequestUs))).toFixed(3)} (medians; less sensitive to other load on the machine than req/s)`,
  );
  console.log(
    `extension-side CPU per sample: ${(cpuMicros / samples / 1000).toFixed(3)} ms (${samples} samples, CPU of sampling + verdict + wire conversion, idle loop included)`,
  );

  const ring = new SampleRing(DAY_AT_1HZ);
  for (let i = 0; i < DAY_AT_1HZ; i++)
    ring.push({ t: i * 1000, used: 5e6 + (i % 60) * 1e5 + i * 10, total: 2e7 }, i % 5 === 0 ? SampleFlag.Gc : 0);
  const reps = 200;
  const started = performance.now();
  for (let i = 0; i < reps; i++) judgeTrend(ring);
  console.log(
    `verdict over a full day of samples (${DAY_AT_1HZ}, forced-GC points): ${((performance.now() - started) / reps).toFixed(3)} ms per call`,
  );
  const natural = new SampleRing(DAY_AT_1HZ);
  for (let i = 0; i < DAY_AT_1HZ; i++) natural.push({ t: i * 1000, used: 5e6 + (i % 60) * 1e5, total: 2e7 }, 0);
  const started2 = performance.now();
  for (let i = 0; i < reps; i++) judgeTrend(natural);
  console.log(
    `verdict over a full day of samples (natural GCs only: full scan): ${((performance.now() - started2) / reps).toFixed(3)} ms per call`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
