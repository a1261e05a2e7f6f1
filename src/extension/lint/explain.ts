// The hover text, two sentences: what grows and why it outlives the request (said here, shorter than the
// diagnostic's message, which the hover already shows), then what to do (the engine's RULE_ADVICE).
import { RULE_ADVICE } from '../../analysis/index';
import type { Finding } from '../../analysis/types';

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function whatGrows(f: Finding): string {
  const target = code(f.target);
  const handler = code(f.handler);
  switch (f.rule) {
    case 'unbounded-capture':
      return `${target} grows (${code(f.growth)}) on every request handled by ${handler}, and since it is declared outside the handler it lives as long as the server, so ${f.severity === 'error' ? "each entry keeps a whole request's object graph alive" : 'nothing it collects is ever freed'}.`;
    case 'listener-per-request':
      return f.growth === 'interval'
        ? `${handler} starts a ${code('setInterval')} timer on every request and never clears it, so the timers and everything their callbacks capture pile up for the life of the process.`
        : `${handler} adds a listener to the long-lived ${target} on every request and no path removes it, so the listeners and every request they capture accumulate for the life of the server.`;
    case 'bounded-buffer':
      return `${target} collects data on every request handled by ${handler} and outlives each request, but it is flushed and reset once it reaches ${f.bound ? code(f.bound) : 'its bound'}, so it stays bounded.`;
    default:
      return `${target} is shared by every request handled by ${handler} and changes on each (${code(f.growth)}).`;
  }
}

export function explainFinding(finding: Finding): string {
  const advice = RULE_ADVICE[finding.rule];
  return advice ? `${whatGrows(finding)} ${advice}` : whatGrows(finding);
}
