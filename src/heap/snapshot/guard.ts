// The snapshot guard: a full heap snapshot costs the target far more memory than its heap while V8 writes it
// (the graph, then the JSON it streams), and on a process near its memory limit that is what kills it. Before
// a snapshot, the extra memory is estimated from the used heap and compared with what the target can still
// get: a limit the user sets (e.g. the container's), and the host's available memory when the target runs on
// this machine. Only `Runtime.getHeapUsage` is asked of the target; nothing is evaluated in it.
import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import type { CdpSession } from '../cdpSession';
import { formatBytes } from '../format';

/**
 * Extra target memory (peak RSS while the snapshot is written, minus RSS before) per byte of used heap.
 * Measured by `npm run bench:snapshot-cost` on Node 20: 19.6× (19 MB heap), 22.1× (65 MB), 22.4× (163 MB)
 * for heaps of many small objects, the worst case (the cost follows the object count); rounded up.
 */
export const SNAPSHOT_PEAK_FACTOR = 24;

export interface SnapshotBudget {
  /** Memory the target may use in all (bytes), e.g. its container's limit; set by the user. */
  limitBytes?: number;
  /** Memory the host can still give (bytes): known only when the target runs on this machine. */
  hostAvailableBytes?: number;
}

export interface SnapshotRisk {
  usedHeapBytes: number;
  /** Extra memory the target is estimated to need while the snapshot is written. */
  estimatedExtraBytes: number;
  /** The least of what the limit leaves (limit − current heap) and what the host has; undefined: unknown. */
  availableBytes: number | undefined;
  fits: boolean;
  /** One sentence for the user when it may not fit. */
  message: string;
}

/** Pure: the estimate against the budget. */
export function judgeSnapshotRisk(heap: { usedSize: number; totalSize: number }, budget: SnapshotBudget): SnapshotRisk {
  const estimatedExtraBytes = heap.usedSize * SNAPSHOT_PEAK_FACTOR;
  // The current footprint is at least the heap V8 has committed; the limit applies to all of it.
  const leftUnderLimit = budget.limitBytes === undefined ? undefined : Math.max(0, budget.limitBytes - heap.totalSize);
  const known = [leftUnderLimit, budget.hostAvailableBytes].filter((x): x is number => x !== undefined);
  const availableBytes = known.length > 0 ? Math.min(...known) : undefined;
  const fits = availableBytes === undefined || estimatedExtraBytes <= availableBytes;
  const where = leftUnderLimit !== undefined && availableBytes === leftUnderLimit ? 'under its memory limit' : 'on this machine';
  const message = fits
    ? ''
    : `A heap snapshot of this process (${formatBytes(heap.usedSize)} of heap in use) may need about ${formatBytes(estimatedExtraBytes)} more memory while it is written, and only ${formatBytes(availableBytes!)} is available ${where}: it could be killed. A heap profile (sampled, a few percent of overhead) is the safe alternative.`;
  return { usedHeapBytes: heap.usedSize, estimatedExtraBytes, availableBytes, fits, message };
}

/** MemAvailable from /proc/meminfo (what can be allocated without swapping); os.freemem() elsewhere. */
export function hostAvailableMemory(): number {
  try {
    const match = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return freemem();
}

/** Asks the target for its heap usage and judges the snapshot against the budget. */
export async function snapshotRisk(session: CdpSession, budget: SnapshotBudget): Promise<SnapshotRisk> {
  const heap = await session.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
  return judgeSnapshotRisk(heap, budget);
}
