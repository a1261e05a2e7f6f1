// Sample history as CSV for spreadsheets: ISO time, bytes, and the marks spelled out.
import { SampleFlag, type StoredSample } from './sampleRing';

export function samplesToCsv(samples: Iterable<StoredSample>): string {
  const lines = ['time,epoch_ms,used_bytes,total_bytes,gc,restart'];
  for (const s of samples) {
    lines.push(`${new Date(s.t).toISOString()},${s.t},${s.used},${s.total},${s.flags & SampleFlag.Gc ? 1 : 0},${s.flags & SampleFlag.Restart ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}
