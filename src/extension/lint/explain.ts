// The hover text, two sentences: what grows and why it outlives the request (said here, shorter than the
// diagnostic's message, which the hover already shows), then what to do (the engines' advice per rule).
import { GO_RULE_ADVICE } from '../../analysis/go/advice';
import { RULE_ADVICE } from '../../analysis/index';
import type { Finding } from '../../findings/model';

/** Which engine's words apply: the document was linted as Go or as JavaScript/TypeScript. */
export type FindingLanguage = 'go' | 'js';

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

/** A Go write that grows and races is one finding (the mutex fix marks the race); the hover explains both. */
const races = (f: Finding) => f.rule !== 'unsynchronized-capture' && f.fixes.some((fix) => fix.kind === 'mutex');

function raceOf(f: Finding): string {
  return `${code(f.target)} is written (${code(f.growth)}) on every request handled by ${code(f.handler)} with no mutex held, and the server runs handlers concurrently (a goroutine per request), so two requests can write it at once: a data race that loses writes, and on a map crashes the process with "concurrent map writes".`;
}

function whatGrows(f: Finding): string {
  const target = code(f.target);
  const handler = code(f.handler);
  switch (f.rule) {
    case 'unbounded-capture':
      return `${target} grows (${code(f.growth)}) on every request handled by ${handler}, and since it is declared outside the handler it lives as long as the server, so ${f.severity === 'error' && !races(f) ? "each entry keeps a whole request's object graph alive" : 'nothing it collects is ever freed'}.`;
    case 'listener-per-request':
      return f.growth === 'interval'
        ? `${handler} starts a ${code('setInterval')} timer on every request and never clears it, so the timers and everything their callbacks capture pile up for the life of the process.`
        : `${handler} adds a listener to the long-lived ${target} on every request and no path removes it, so the listeners and every request they capture accumulate for the life of the server.`;
    case 'bounded-buffer':
      return `${target} collects data on every request handled by ${handler} and outlives each request, but it is flushed and reset once it reaches ${f.bound ? code(f.bound) : 'its bound'}, so it stays bounded.`;
    case 'unsynchronized-capture':
      return raceOf(f);
    default:
      return `${target} is shared by every request handled by ${handler} and changes on each (${code(f.growth)}).`;
  }
}

export function explainFinding(finding: Finding, language: FindingLanguage = 'js'): string {
  const advice = (language === 'go' ? GO_RULE_ADVICE[finding.rule] : undefined) ?? RULE_ADVICE[finding.rule];
  const grows = advice ? `${whatGrows(finding)} ${advice}` : whatGrows(finding);
  if (!races(finding)) return grows;
  const raceAdvice = (language === 'go' ? GO_RULE_ADVICE['unsynchronized-capture'] : undefined) ?? RULE_ADVICE['unsynchronized-capture'];
  return `${grows}\n\n${raceOf(finding)}${raceAdvice ? ` ${raceAdvice}` : ''}`;
}
