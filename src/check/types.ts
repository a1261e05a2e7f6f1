// What a check is asked to do, and what it found: shared by the engine, the reports, the CLI and the editor.
import type { Finding } from '../findings/model';
import type { StoredSample } from '../heap/series/sampleRing';
import type { Trend } from '../heap/trend/verdict';
import type { SlopeEstimate } from './perRequest';

export interface ServiceSpec {
  /** Shell command that starts the service. */
  start: string;
  /** A URL the service answers: the readiness probe and the load's target. */
  url: string;
  /** Go services: the pprof URL to sample (Node services are sampled through an inspector instead). */
  pprof?: string;
}

export interface CheckConfig {
  candidate: ServiceSpec;
  /** A baseline version to run under the same load first; or `baselineResult` from an earlier run. */
  baseline?: ServiceSpec;
  baselineResult?: SavedRun;
  /** Folder the commands run in. */
  cwd: string;
  /** Requests per second. */
  rate: number;
  durationMs: number;
  /** How long the service gets to answer after it is started. */
  startupTimeoutMs: number;
  headers: Record<string, string>;
  /** Non-loopback URLs are refused unless this is set (the inspector or pprof endpoint would be remote too). */
  allowRemote: boolean;
  /** Where evidence (snapshots or profiles) and reports are written. */
  outDir: string;
  /** Attributions below this many bytes are noise. */
  minGrowthBytes?: number;
  /** A per-request difference below this never fails a baseline comparison, however tight the intervals. */
  minBytesPerRequest: number;
}

/** One post-GC point: heap after a forced GC, against the requests answered by then. */
export interface PostGcPoint {
  t: number;
  requests: number;
  used: number;
}

/** The part of a run a later baseline comparison needs (also the JSON summary's body). */
export interface SavedRun {
  label: string;
  runtime: 'node' | 'go';
  requests: number;
  bytesPerMinute: number;
  perRequest: SlopeEstimate;
  points: PostGcPoint[];
}

/** A growing site named by the evidence: a captured variable (Node) or an allocation site (Go), and its line. */
export interface GrowthSite {
  /** `entries` (the captured variable) or, for Go, the variable of the confirmed finding when there is one. */
  variable?: string;
  function: string;
  file?: string;
  line: number;
  column?: number;
  bytesDelta: number;
  /** One line for people, e.g. "`entries` (Array), captured by `logRequest` at requestLogger.js:6:10, grew by …". */
  description: string;
  /** The static finding this growth confirms. */
  confirms?: { rule: string; line: number; column: number; target: string };
  /** The runtime-growth finding for SARIF (at the confirmed finding's range, or at the site). */
  finding?: Finding;
}

export interface Evidence {
  kind: 'snapshots' | 'profiles';
  /** The two files, before and after (none when they could not be taken). */
  files: string[];
  /** Requests sent between the two. */
  requests: number;
  sites: GrowthSite[];
  /** Set when the evidence could not be gathered; the verdict stands anyway. */
  problem?: string;
}

export interface RunResult extends SavedRun {
  role: 'candidate' | 'baseline';
  samples: StoredSample[];
  trend: Trend;
  non2xx: number;
  errors: number;
  evidence?: Evidence;
}

export interface BaselineComparison {
  baseline: SavedRun;
  /** candidate − baseline, bytes per request. */
  difference: number;
  /** The difference must exceed this to fail: the two runs' intervals, at least the configured minimum. */
  noiseBand: number;
  regressed: boolean;
}

export interface CheckOutcome {
  candidate: RunResult;
  baselineRun?: RunResult;
  comparison?: BaselineComparison;
  /** The check fails: growing on its own, or more per request than the baseline. */
  failed: boolean;
}
