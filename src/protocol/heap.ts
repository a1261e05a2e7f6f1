// The heap panel's message protocol, one discriminated union per direction, imported by the extension host
// and by the webview bundle. Each side validates what it receives with the parse function for its inbound
// direction and ignores anything else (a webview is a separate, less trusted context).

import { isGoroutineCount } from '../common/sampleFlags';

/**
 * [t ms since epoch, used bytes, total bytes, SampleFlag bits, goroutines?] — compact on the wire. The fifth
 * element is only there for Go services (a Node sample has four).
 */
export type WireSample = [t: number, used: number, total: number, flags: number, goroutines?: number];

export interface WireTrend {
  state: 'collecting' | 'steady' | 'growing';
  /** Same wording as the status bar and the CLI. */
  text: string;
  bytesPerMinute: number | null;
  /** The fitted baseline `y = slope·t + intercept` between `from` and `to` (ms), when there is one. */
  line: { from: number; to: number; slope: number; intercept: number } | null;
}

export interface PanelMeta {
  /** What is attached (label), or null. */
  target: string | null;
  status: 'detached' | 'attached' | 'reconnecting';
  paused: boolean;
  /** Forced-GC cadence in ms; 0 = off (natural GCs only). */
  gcEveryMs: number;
  intervalMs: number;
  /** A "Take snapshot" command is available (the snapshot feature registered it) and the target can take one. */
  canSnapshot: boolean;
  /** The target can be made to collect garbage (a read-only source cannot): Collect garbage and the leak check. */
  canCollectGarbage: boolean;
  /** The last problem worth showing (attach failure, sampling error), or null. */
  error: string | null;
}

export type HostMessage =
  /** Everything: sent when the view (re)loads or becomes visible again. */
  | { type: 'hydrate'; meta: PanelMeta; samples: WireSample[]; trend: WireTrend; capacity: number }
  | { type: 'append'; samples: WireSample[]; trend: WireTrend }
  | { type: 'meta'; meta: PanelMeta };

export type ViewMessage =
  | { type: 'ready' }
  | { type: 'attach' }
  | { type: 'detach' }
  | { type: 'collectGarbage' }
  | { type: 'takeSnapshot' }
  | { type: 'exportCsv' }
  | { type: 'setPaused'; paused: boolean }
  | { type: 'setGcEvery'; ms: number };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown) => v === null || isNum(v);
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';
const oneOf = <T extends string>(v: unknown, values: readonly T[]): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

const MAX_GC_EVERY_MS = 3_600_000;

/** Validates a message from the webview; undefined for anything malformed or unknown. */
export function parseViewMessage(value: unknown): ViewMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'attach':
    case 'detach':
    case 'collectGarbage':
    case 'takeSnapshot':
    case 'exportCsv':
      return Object.keys(value).length === 1 ? { type: value.type } : undefined;
    case 'setPaused':
      return typeof value.paused === 'boolean' ? { type: 'setPaused', paused: value.paused } : undefined;
    case 'setGcEvery':
      return isNum(value.ms) && value.ms >= 0 && value.ms <= MAX_GC_EVERY_MS ? { type: 'setGcEvery', ms: value.ms } : undefined;
    default:
      return undefined;
  }
}

function isWireSample(v: unknown): v is WireSample {
  return Array.isArray(v) && (v.length === 4 || (v.length === 5 && isGoroutineCount(v[4]))) && v.every(isNum);
}

function isTrend(v: unknown): v is WireTrend {
  if (
    !isObj(v) ||
    !oneOf(v.state, ['collecting', 'steady', 'growing'] as const) ||
    typeof v.text !== 'string' ||
    !isNumOrNull(v.bytesPerMinute)
  )
    return false;
  const line = v.line;
  return line === null || (isObj(line) && isNum(line.from) && isNum(line.to) && isNum(line.slope) && isNum(line.intercept));
}

function isMeta(v: unknown): v is PanelMeta {
  return (
    isObj(v) &&
    isStrOrNull(v.target) &&
    oneOf(v.status, ['detached', 'attached', 'reconnecting'] as const) &&
    typeof v.paused === 'boolean' &&
    isNum(v.gcEveryMs) &&
    isNum(v.intervalMs) &&
    typeof v.canSnapshot === 'boolean' &&
    typeof v.canCollectGarbage === 'boolean' &&
    isStrOrNull(v.error)
  );
}

/** Validates a message from the extension host; undefined for anything malformed or unknown. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'hydrate':
      return isMeta(value.meta) &&
        Array.isArray(value.samples) &&
        value.samples.every(isWireSample) &&
        isTrend(value.trend) &&
        isNum(value.capacity)
        ? { type: 'hydrate', meta: value.meta, samples: value.samples, trend: value.trend, capacity: value.capacity }
        : undefined;
    case 'append':
      return Array.isArray(value.samples) && value.samples.every(isWireSample) && isTrend(value.trend)
        ? { type: 'append', samples: value.samples, trend: value.trend }
        : undefined;
    case 'meta':
      return isMeta(value.meta) ? { type: 'meta', meta: value.meta } : undefined;
    default:
      return undefined;
  }
}
