// A comparison on the calling thread, for the CLI: no worker isolate (~10 MB) and no copy of the baseline
// between threads. It needs a way to free the first snapshot's graph before the second is read — a forced
// garbage collection (`gc` of --expose-gc, which the CLI's tuned process has, see cli/tunedProcess.ts) —
// else the first graph's arrays linger as garbage and the peak holds both graphs. The editor never uses it:
// its thread must stay responsive.
import { baselineOf, compareSnapshots, type Baseline, type CompareOptions, type SnapshotComparison } from './diff';
import { analyzeSnapshot, failureMessage, type Progress } from './phases';
import { SnapshotAnalysisError } from './runWorker';

// Each step is a function of its own: its graph is garbage once it returns, whatever the caller's frame keeps.
const baselineOfFile = (file: string, progress: Progress): Baseline =>
  baselineOf(analyzeSnapshot(file, 'the first snapshot', 0, 0.45, progress));

function compareWithFile(baseline: Baseline, file: string, options: CompareOptions, progress: Progress): SnapshotComparison {
  const after = analyzeSnapshot(file, 'the second snapshot', 0.45, 0.9, progress);
  progress('Comparing', 0.9);
  return compareSnapshots(baseline, after, options);
}

/**
 * `collectGarbage` runs twice after each graph: V8 frees array buffers concurrently after a collection, and
 * the next collection finishes that freeing first.
 */
export function compareInThread(
  before: string,
  after: string,
  options: CompareOptions,
  collectGarbage: () => void,
  progress: Progress = () => {},
): SnapshotComparison {
  const release = () => {
    collectGarbage();
    collectGarbage();
  };
  try {
    const baseline = baselineOfFile(before, progress);
    release();
    const comparison = compareWithFile(baseline, after, options, progress);
    release();
    return comparison;
  } catch (error) {
    throw new SnapshotAnalysisError(failureMessage(error));
  }
}
