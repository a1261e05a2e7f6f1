// The sample history: a fixed-capacity ring of columns (typed arrays), so a day at 1 Hz costs a constant
// ~2.5 MB and pushing never allocates. Oldest samples are overwritten first.
import { isGoroutineCount, NO_GOROUTINES } from '../../common/sampleFlags';
import type { HeapSample } from '../source';

export { SampleFlag, isGoroutineCount } from '../../common/sampleFlags';

export const DAY_AT_1HZ = 24 * 60 * 60;

export interface StoredSample {
  t: number;
  used: number;
  total: number;
  flags: number;
  /** Go services: live goroutines at this sample; absent for runtimes without them. */
  goroutines?: number;
}

/** Read access by index (0 = oldest) without allocating, for scans over a whole day of samples. */
export interface SampleColumns {
  readonly size: number;
  tAt(i: number): number;
  usedAt(i: number): number;
  flagsAt(i: number): number;
}

/** SampleColumns over a plain array (tests, exported series). */
export function columnsOf(samples: readonly StoredSample[]): SampleColumns {
  return { size: samples.length, tAt: (i) => samples[i]!.t, usedAt: (i) => samples[i]!.used, flagsAt: (i) => samples[i]!.flags };
}

export class SampleRing implements SampleColumns {
  private readonly t: Float64Array;
  private readonly used: Float64Array;
  private readonly total: Float64Array;
  private readonly flags: Uint8Array;
  private readonly goroutines: Uint32Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number = DAY_AT_1HZ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.t = new Float64Array(capacity);
    this.used = new Float64Array(capacity);
    this.total = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.goroutines = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(sample: HeapSample, flags = 0): void {
    const i = (this.start + this.count) % this.capacity;
    this.t[i] = sample.t;
    this.used[i] = sample.used;
    this.total[i] = sample.total;
    this.flags[i] = flags;
    // An invalid count (negative, fractional, NaN) is dropped rather than charted as a wrong figure.
    this.goroutines[i] = isGoroutineCount(sample.goroutines) ? sample.goroutines : NO_GOROUTINES;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  tAt(i: number): number {
    return this.t[(this.start + i) % this.capacity]!;
  }

  usedAt(i: number): number {
    return this.used[(this.start + i) % this.capacity]!;
  }

  flagsAt(i: number): number {
    return this.flags[(this.start + i) % this.capacity]!;
  }

  /** The i-th oldest sample still held (0 = oldest). */
  at(i: number): StoredSample {
    if (i < 0 || i >= this.count) throw new RangeError(`sample ${i} out of range 0..${this.count - 1}`);
    const j = (this.start + i) % this.capacity;
    const sample: StoredSample = { t: this.t[j]!, used: this.used[j]!, total: this.total[j]!, flags: this.flags[j]! };
    if (this.goroutines[j] !== NO_GOROUTINES) sample.goroutines = this.goroutines[j];
    return sample;
  }

  last(): StoredSample | undefined {
    return this.count ? this.at(this.count - 1) : undefined;
  }

  /** Index of the first sample with t >= `since` (binary search: times only grow). */
  indexAtOrAfter(since: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tAt(mid) < since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Samples from index `from` on, oldest first. */
  slice(from = 0): StoredSample[] {
    const out: StoredSample[] = [];
    for (let i = Math.max(0, from); i < this.count; i++) out.push(this.at(i));
    return out;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}
