// Sample history as CSV for spreadsheets: ISO time, bytes, the marks spelled out, and the goroutine count
// when the target is a Go service (a Node target's export keeps its six columns).
import { SampleFlag, type StoredSample } from './sampleRing';

export function samplesToCsv(samples: readonly StoredSample[]): string {
  const withGoroutines = samples.some((s) => s.goroutines !== undefined);
  const lines = [`time,epoch_ms,used_bytes,total_bytes,gc,restart${withGoroutines ? ',goroutines' : ''}`];
  for (const s of samples) {
    const row = `${new Date(s.t).toISOString()},${s.t},${s.used},${s.total},${s.flags & SampleFlag.Gc ? 1 : 0},${s.flags & SampleFlag.Restart ? 1 : 0}`;
    lines.push(withGoroutines ? `${row},${s.goroutines ?? ''}` : row);
  }
  return lines.join('\n') + '\n';
}
