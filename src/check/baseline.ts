// Candidate against baseline: the check fails only when the candidate retains measurably more per request.
// "Measurably" is the noise band: the part of both runs' 95 % intervals that could close the gap (the
// baseline's upper half-width plus the candidate's lower one), and never less than a fixed minimum — so a
// steady service run against itself, whose two slopes differ by noise alone, passes.
import { readFileSync } from 'node:fs';
import { CheckError } from './errors';
import type { BaselineComparison, SavedRun } from './types';

export function compareWithBaseline(candidate: SavedRun, baseline: SavedRun, minBytesPerRequest: number): BaselineComparison {
  if (candidate.runtime !== baseline.runtime) {
    throw new CheckError(
      'bad-input',
      `The baseline is a ${baseline.runtime} service and the candidate a ${candidate.runtime} one: compare two versions of the same service.`,
    );
  }
  const c = candidate.perRequest;
  const b = baseline.perRequest;
  const difference = c.slope - b.slope;
  const noise = b.high - b.slope + (c.slope - c.low);
  const noiseBand = Math.max(minBytesPerRequest, Number.isFinite(noise) ? noise : Infinity);
  return { baseline, difference, noiseBand, regressed: difference > noiseBand };
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Reads a summary written by an earlier run (`--format json` output, whose last line it is, or check.json). */
export function readSavedRun(file: string): SavedRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckError(
      'bad-input',
      `Cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  const bad = (why: string) =>
    new CheckError(
      'bad-input',
      `${file} is not a saved leaklens check run (${why}): save one with \`leaklens check … --format json > ${file}\` or use the check.json of --out.`,
    );
  let summary: Record<string, unknown>;
  try {
    const trimmed = text.trim();
    // check.json is one pretty-printed object; --format json output has the summary on its last line.
    summary = JSON.parse(trimmed.startsWith('{\n') ? trimmed : trimmed.split('\n').pop()!) as Record<string, unknown>;
  } catch {
    throw bad('its last line is not JSON');
  }
  const run = summary?.run as Record<string, unknown> | undefined;
  if (summary?.type !== 'summary' || typeof run !== 'object' || run === null) throw bad('no summary object');
  const perRequest = run.perRequest as Record<string, unknown> | undefined;
  if (
    (run.runtime !== 'node' && run.runtime !== 'go') ||
    !isNumber(run.requests) ||
    typeof perRequest !== 'object' ||
    perRequest === null ||
    !isNumber(perRequest.slope) ||
    !isNumber(perRequest.low) ||
    !isNumber(perRequest.high) ||
    !Array.isArray(run.points)
  ) {
    throw bad('its run has no per-request measurement');
  }
  return run as unknown as SavedRun;
}
