// npm run bench:snapshot-cost — what a full heap snapshot costs the target, measured to set the snapshot
// guard's factor (src/heap/snapshot/guard.ts): for heaps of several sizes (the ballast fixture, BALLAST
// objects), the target's peak RSS while V8 writes the snapshot (VmHWM, reset just before) minus its RSS
// before, divided by its used heap (Runtime.getHeapUsage). Linux only (/proc).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInspector, parseInspectorAddress } from '../../src/heap/inspector';
import { SNAPSHOT_PEAK_FACTOR } from '../../src/heap/snapshot/guard';
import { takeHeapSnapshot } from '../../src/heap/snapshot/writer';
import { startService } from '../fixtures/services/spawnService';

const SIZES = (process.env.BALLAST_SIZES ?? '200000,800000,2000000').split(',').map(Number);
const MB = 1024 * 1024;

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))!;
  return Number(/(\d+)/.exec(line)![1]) * 1024;
}

async function main(): Promise<void> {
  const factors: number[] = [];
  for (const ballast of SIZES) {
    process.env.BALLAST = String(ballast);
    const service = await startService('ballast-service.mjs');
    const pid = service.child.pid!;
    const session = await connectInspector(parseInspectorAddress(String(service.inspectPort)));
    const file = join(tmpdir(), `leaklens-snapshot-cost-${process.pid}.heapsnapshot`);
    try {
      await session.send('HeapProfiler.collectGarbage');
      const { usedSize } = await session.send<{ usedSize: number }>('Runtime.getHeapUsage');
      const before = statusKb(pid, 'VmRSS');
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
      const bytes = await takeHeapSnapshot(session, file);
      const peak = statusKb(pid, 'VmHWM');
      const factor = (peak - before) / usedSize;
      factors.push(factor);
      console.log(
        `${ballast} objects: used heap ${(usedSize / MB).toFixed(0)} MB, RSS ${(before / MB).toFixed(0)} MB → peak ${(peak / MB).toFixed(0)} MB while writing ${(bytes / MB).toFixed(0)} MB; extra = ${factor.toFixed(2)} × used heap`,
      );
    } finally {
      rmSync(file, { force: true });
      await session.close();
      await service.kill();
    }
  }
  console.log(`largest measured factor ${Math.max(...factors).toFixed(2)}; the guard uses ${SNAPSHOT_PEAK_FACTOR}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
