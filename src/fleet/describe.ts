// Words for one instance's verdict, shared by the CLI's table and the editor's Fleet view.
import { formatBytes } from '../heap/format';
import type { InstanceVerdict } from './instanceVerdict';

export function formatRate(bytesPerMinute: number | null): string {
  if (bytesPerMinute === null) return '—';
  return `${bytesPerMinute >= 0 ? '+' : '−'}${formatBytes(Math.abs(bytesPerMinute))}/min`;
}

export function describeVerdict(v: InstanceVerdict): string {
  switch (v.pattern) {
    case 'restart-sawtooth':
      return `restarted ${v.restarts} times, each life ending ${v.limitBytes !== null ? 'near its memory limit' : 'still growing'}: a leak the restarts hide`;
    case 'collecting':
      return v.baselineKind === 'gc' ? 'not enough full GCs in the window to judge yet' : 'not enough points in the window to judge yet';
    case 'growing':
    case 'steady': {
      const toLimit = v.minutesToLimit !== null ? `, limit in ~${formatMinutes(v.minutesToLimit)}` : '';
      return `${v.pattern}: post-GC heap ${v.heapBytes !== null ? formatBytes(v.heapBytes) : '—'}, ${formatRate(v.bytesPerMinute)}${toLimit}`;
    }
  }
}

function formatMinutes(minutes: number): string {
  return minutes >= 120 ? `${(minutes / 60).toFixed(1)} h` : `${Math.round(minutes)} min`;
}
